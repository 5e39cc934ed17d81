using System.Text.Json;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.EndToEnd;

[Collection(AzureStorageHostCollection.Name)]
public sealed class WholeJourneyTests(AzureStorageHostFixture fixture)
{
    readonly HttpClient http = fixture.Host.Http;

    [Fact]
    public async Task Journey_UserFollowsEveryStep_EndsVerifiedWithVerifiedAccount()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http);
        Assert.Equal("awaitingPhoneCode", journey.StartStatus.GetProperty("stage").GetString());

        await journey.RegisterAsync();
        JsonElement verified = await journey.VerifyAsync();

        Assert.Equal("verified", verified.GetProperty("stage").GetString());
        JsonElement mail = await journey.WaitForMessageAsync(journey.Email, message => message.GetProperty("subject").GetString() == "Your account is verified");
        Assert.Contains("verified", JourneyDriver.Text(mail), StringComparison.Ordinal);
    }
}
