using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Onboarding.Application.Messaging;

/// <summary>
/// E-mail and SMS through the Azure Communication Services REST API (Email 2023-03-31,
/// SMS 2021-03-07) on Azure.Core: retries, HMAC-signed requests for connection strings or a
/// <see cref="TokenCredential"/> for managed identity. The official SDKs are not served here;
/// this one file is what to replace by Azure.Communication.Email/Sms when they are.
/// A re-sent message carries the same Operation-Id (e-mail) or repeatability id (SMS), so ACS
/// delivers it once.
/// </summary>
public sealed class AcsClient : IEmailSender, ISmsSender
{
    public const string EmailApiVersion = "2023-03-31";
    public const string SmsApiVersion = "2021-03-07";
    const string TokenScope = "https://communication.azure.com//.default";

    readonly Uri endpoint;
    readonly HttpPipeline pipeline;
    readonly string senderAddress;
    readonly string smsFrom;
    readonly TimeSpan sendBudget;

    AcsClient(Uri endpoint, HttpPipelinePolicy authentication, string senderAddress, string smsFrom, AcsClientOptions options)
    {
        this.endpoint = endpoint;
        this.senderAddress = senderAddress;
        this.smsFrom = smsFrom;
        sendBudget = options.SendBudget;
        pipeline = HttpPipelineBuilder.Build(options, authentication);
    }

    /// <summary>From <c>endpoint=https://...;accesskey=...</c>.</summary>
    public static AcsClient FromConnectionString(string connectionString, string senderAddress, string smsFrom, AcsClientOptions? options = null)
    {
        (Uri endpoint, string accessKey) = ParseConnectionString(connectionString);
        return new AcsClient(endpoint, new HmacPolicy(accessKey), senderAddress, smsFrom, options ?? new AcsClientOptions());
    }

    /// <summary>With Microsoft Entra ID (the app's managed identity).</summary>
    public static AcsClient FromCredential(Uri endpoint, TokenCredential credential, string senderAddress, string smsFrom, AcsClientOptions? options = null) =>
        new(endpoint, new BearerTokenAuthenticationPolicy(credential, TokenScope), senderAddress, smsFrom, options ?? new AcsClientOptions());

    public static (Uri Endpoint, string AccessKey) ParseConnectionString(string connectionString)
    {
        string? endpoint = null;
        string? accessKey = null;
        foreach (string part in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int equals = part.IndexOf('=');
            if (equals <= 0) continue;
            string name = part[..equals].Trim();
            string value = part[(equals + 1)..].Trim();
            if (name.Equals("endpoint", StringComparison.OrdinalIgnoreCase)) endpoint = value;
            if (name.Equals("accesskey", StringComparison.OrdinalIgnoreCase)) accessKey = value;
        }

        if (endpoint is null || accessKey is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            throw new FormatException("An ACS connection string reads endpoint=https://...;accesskey=....");
        }

        return (uri, accessKey);
    }

    public async Task SendAsync(EmailMessage message, SendId id, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["senderAddress"] = senderAddress,
            ["content"] = new JsonObject
            {
                ["subject"] = message.Subject,
                ["plainText"] = message.PlainText,
                ["html"] = message.Html,
            },
            ["recipients"] = new JsonObject
            {
                ["to"] = new JsonArray(new JsonObject { ["address"] = message.To }),
            },
            ["userEngagementTrackingDisabled"] = true,
        };

        using HttpMessage request = CreateRequest("emails:send", EmailApiVersion, body);
        request.Request.Headers.Add("Operation-Id", id.RepeatabilityId.ToString());
        await SendAsync(request, expected: 202, cancellationToken);
    }

    public async Task SendAsync(SmsMessage message, SendId id, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["from"] = smsFrom,
            ["smsRecipients"] = new JsonArray(new JsonObject
            {
                ["to"] = message.To,
                ["repeatabilityRequestId"] = id.RepeatabilityId.ToString(),
                ["repeatabilityFirstSent"] = id.FirstSent.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture),
            }),
            ["message"] = message.Text,
            ["smsSendOptions"] = new JsonObject { ["enableDeliveryReport"] = false },
        };

        using HttpMessage request = CreateRequest("sms", SmsApiVersion, body);
        Response response = await SendAsync(request, expected: 202, cancellationToken);

        // SMS answers 202 with a status per recipient.
        using JsonDocument result = JsonDocument.Parse(response.Content);
        foreach (JsonElement recipient in result.RootElement.GetProperty("value").EnumerateArray())
        {
            bool repeated = recipient.TryGetProperty("repeatabilityResult", out JsonElement repeatability)
                && repeatability.GetString() == "rejected";
            if (!recipient.GetProperty("successful").GetBoolean() && !repeated)
            {
                int status = recipient.GetProperty("httpStatusCode").GetInt32();
                throw new RequestFailedException(status, $"ACS did not accept the SMS (status {status}).");
            }
        }
    }

    HttpMessage CreateRequest(string path, string apiVersion, JsonObject body)
    {
        HttpMessage message = pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(endpoint);
        uri.AppendPath(path, escape: false);
        uri.AppendQuery("api-version", apiVersion);
        message.Request.Uri = uri;
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Headers.Add("Accept", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        return message;
    }

    async Task<Response> SendAsync(HttpMessage message, int expected, CancellationToken cancellationToken)
    {
        using (var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            budget.CancelAfter(sendBudget);
            try
            {
                await pipeline.SendAsync(message, budget.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new RequestFailedException(0, $"ACS did not answer {message.Request.Method} {message.Request.Uri.Path} within {sendBudget.TotalSeconds:0} s.");
            }
        }

        Response response = message.Response;
        if (response.Status != expected)
        {
            // The body may echo addresses: keep it out of the exception text.
            throw new RequestFailedException(response.Status, $"ACS answered {response.Status} to {message.Request.Method} {message.Request.Uri.Path}.");
        }

        return response;
    }

    /// <summary>Signs each try of a request (the date must be fresh) with the connection string's access key.</summary>
    sealed class HmacPolicy(string accessKey) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            byte[] body = [];
            if (message.Request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                content.WriteTo(buffer, CancellationToken.None);
                body = buffer.ToArray();
            }

            Uri uri = message.Request.Uri.ToUri();
            string date = AcsRequestSignature.Date(DateTimeOffset.UtcNow);
            string hash = AcsRequestSignature.ContentHash(body);
            string signature = AcsRequestSignature.Sign(accessKey, message.Request.Method.Method, uri.PathAndQuery, date, uri.Authority, hash);
            message.Request.Headers.SetValue("x-ms-date", date);
            message.Request.Headers.SetValue("x-ms-content-sha256", hash);
            message.Request.Headers.SetValue("Authorization", AcsRequestSignature.AuthorizationHeader(signature));
        }
    }
}

/// <summary>
/// Retries and timeouts of <see cref="AcsClient"/>: a try that gets no answer in 10 s is abandoned,
/// retries wait at least the answer's Retry-After (<see cref="AcsRetryPolicy"/>), and one send gives up
/// after <see cref="SendBudget"/>, well inside the 30 s a task hub message stays locked to its activity.
/// </summary>
public sealed class AcsClientOptions : ClientOptions
{
    public AcsClientOptions()
    {
        Retry.MaxRetries = 6;
        Retry.Mode = RetryMode.Exponential;
        Retry.Delay = TimeSpan.FromMilliseconds(500);
        Retry.MaxDelay = TimeSpan.FromSeconds(8);
        Retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        Diagnostics.IsLoggingContentEnabled = false;
        RetryPolicy = new AcsRetryPolicy(this);
    }

    /// <summary>The longest one send takes, its retries included.</summary>
    public TimeSpan SendBudget { get; init; } = TimeSpan.FromSeconds(20);
}
