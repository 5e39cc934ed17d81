using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Onboarding.Development;
using Onboarding.Application.Messaging;
using Onboarding.Tests.EndToEnd;
using Onboarding.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Onboarding.Tests.Messaging;

/// <summary>
/// The ACS client signs requests with HMAC-SHA256 as ACS documents it; the local ACS endpoint
/// checks each signature the same way, so these run the real client code path end to end.
/// </summary>
[Collection(AzureStorageHostCollection.Name)]
public sealed class AcsSignatureTests(AzureStorageHostFixture fixture)
{
    readonly LocalHostInstance host = fixture.Host;

    AcsClient Client(string? accessKey = null) =>
        AcsClient.FromConnectionString($"endpoint={host.BaseAddress}acs/;accesskey={accessKey ?? host.AcsAccessKey}", "DoNotReply@onboarding.local", "+18005550100");

    [Fact]
    public void Sign_DocumentedStringToSign_SameSignature()
    {
        // String to sign: METHOD \n path-and-query \n x-ms-date ; host ; x-ms-content-sha256, HMAC-SHA256 under the base64-decoded key.
        string key = Convert.ToBase64String(Encoding.ASCII.GetBytes("a documented test key of 32 bytes"));
        string date = "Tue, 26 Mar 2019 16:06:51 GMT";
        string hash = AcsRequestSignature.ContentHash("{}"u8);
        string expected = Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(key),
            Encoding.ASCII.GetBytes($"POST\n/emails:send?api-version=2023-03-31\n{date};contoso.communication.azure.com;{hash}")));

        string signature = AcsRequestSignature.Sign(key, "post", "/emails:send?api-version=2023-03-31", date, "contoso.communication.azure.com", hash);

        Assert.Equal(expected, signature);
        Assert.Equal("RBNvo1WzZ4oRRq0W9+hknpT7T8If536DEMBg9hyq/4o=", hash);
    }

    [Fact]
    public async Task SendEmail_SignedWithTheRightKey_AcceptedAndRecordedOnceEvenWhenRepeated()
    {
        string to = Builders.Email();
        var id = new SendId(Guid.NewGuid(), DateTimeOffset.UtcNow);
        var message = new EmailMessage(to, "Subject", "Text", "<p>Text</p>");

        await Client().SendAsync(message, id, CancellationToken.None);
        await Client().SendAsync(message, id, CancellationToken.None);

        IReadOnlyList<OutboxMessageView> recorded = await host.Services.GetRequiredService<DevOutbox>().ListAsync(to, CancellationToken.None);
        OutboxMessageView mail = Assert.Single(recorded);
        Assert.Equal(id.RepeatabilityId.ToString(), mail.Id);
        Assert.Equal("Subject", mail.Subject);
    }

    [Fact]
    public async Task SendSms_Repeated_RecordedOnce()
    {
        string to = Builders.PhoneNumber();
        var id = new SendId(Guid.NewGuid(), DateTimeOffset.UtcNow);

        await Client().SendAsync(new SmsMessage(to, "123456 is your code"), id, CancellationToken.None);
        await Client().SendAsync(new SmsMessage(to, "123456 is your code"), id, CancellationToken.None);

        Assert.Single(await host.Services.GetRequiredService<DevOutbox>().ListAsync(to, CancellationToken.None));
    }

    [Fact]
    public async Task SendEmail_WrongKey_Refused401()
    {
        AcsClient client = Client(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        var failure = await Assert.ThrowsAsync<RequestFailedException>(() =>
            client.SendAsync(new EmailMessage(Builders.Email(), "s", "t", "h"), new SendId(Guid.NewGuid(), DateTimeOffset.UtcNow), CancellationToken.None));

        Assert.Equal(401, failure.Status);
    }

    [Theory]
    [InlineData("tampered-body")]
    [InlineData("stale-date")]
    [InlineData("no-signature")]
    [InlineData("other-path")]
    public async Task RawRequest_SignatureDoesNotHold_401Denied(string flaw)
    {
        byte[] body = Encoding.UTF8.GetBytes("""{"from":"+18005550100","smsRecipients":[{"to":"+14155550100"}],"message":"hi"}""");
        string signedPath = flaw == "other-path" ? "/acs/emails:send?api-version=2021-03-07" : "/acs/sms?api-version=2021-03-07";
        string date = AcsRequestSignature.Date(flaw == "stale-date" ? DateTimeOffset.UtcNow.AddHours(-1) : DateTimeOffset.UtcNow);
        string hash = AcsRequestSignature.ContentHash(body);
        string signature = AcsRequestSignature.Sign(host.AcsAccessKey, "POST", signedPath, date, host.BaseAddress.Authority, hash);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/acs/sms?api-version=2021-03-07")
        {
            Content = new ByteArrayContent(flaw == "tampered-body" ? Encoding.UTF8.GetBytes("""{"from":"+18005550100","smsRecipients":[{"to":"+14155550199"}],"message":"hi"}""") : body),
        };
        request.Headers.Add("x-ms-date", date);
        request.Headers.Add("x-ms-content-sha256", hash);
        if (flaw != "no-signature")
        {
            request.Headers.TryAddWithoutValidation("Authorization", AcsRequestSignature.AuthorizationHeader(signature));
        }

        using HttpResponseMessage response = await host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        using JsonDocument error = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Denied", error.RootElement.GetProperty("error").GetProperty("code").GetString());
    }
}
