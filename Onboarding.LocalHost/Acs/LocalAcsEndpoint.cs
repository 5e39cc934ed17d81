using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Onboarding.Development;
using Onboarding.Application.Messaging;
using Onboarding.LocalHost.Faults;

namespace Onboarding.LocalHost.Acs;

/// <summary>Section <c>LocalAcs</c>.</summary>
public sealed class LocalAcsOptions
{
    public const string SectionName = "LocalAcs";

    public bool Enabled { get; set; } = true;

    /// <summary>The access key requests must be signed with (the accesskey of Messaging:ConnectionString).</summary>
    public string AccessKey { get; set; } = "";
}

/// <summary>
/// A stand-in for Azure Communication Services on the local host: the e-mail send, operation
/// status and SMS send APIs. It checks each request's HMAC-SHA256 signature exactly as ACS does
/// and records accepted messages in the outbox (once per Operation-Id or repeatability id), so the
/// real ACS client code path runs locally and in tests. A fault rule in force (<see cref="DevFaults"/>)
/// answers a send instead, as ACS does when it throttles or is down, and records nothing.
/// </summary>
public static class LocalAcsEndpoint
{
    static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(15);

    public static void MapLocalAcs(this WebApplication app)
    {
        RouteGroupBuilder acs = app.MapGroup("/acs");
        acs.AddEndpointFilter(UnavailableWhenItsStorageFails);
        acs.MapPost("/emails:send", SendEmailAsync);
        acs.MapGet("/emails/operations/{operationId}", (string operationId) =>
            Results.Json(new { id = operationId, status = "Succeeded" }));
        acs.MapPost("/sms", SendSmsAsync);
    }

    /// <summary>The outbox is in Table Storage: while it fails, answer 503 as ACS would, never an unhandled 500.</summary>
    static async ValueTask<object?> UnavailableWhenItsStorageFails(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (exception is Azure.RequestFailedException or AggregateException or OperationCanceledException or HttpRequestException
            && !context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return Error(503, "ServiceUnavailable", "The local ACS endpoint's outbox storage is not answering.");
        }
    }

    static async Task<IResult> SendEmailAsync(HttpContext context, DevOutbox outbox, IOptions<LocalAcsOptions> options, DevFaults faults)
    {
        if (await FaultAnswers.AnswerAsync(context, faults, FaultTarget.Acs) is { } faulted)
        {
            return faulted;
        }

        (JsonNode? body, IResult? denied) = await AuthenticateAsync(context, options.Value.AccessKey);
        if (denied is not null)
        {
            return denied;
        }

        string operationId = context.Request.Headers["Operation-Id"].FirstOrDefault() ?? Guid.NewGuid().ToString();
        string? subject = body?["content"]?["subject"]?.GetValue<string>();
        string? text = body?["content"]?["plainText"]?.GetValue<string>();
        JsonArray? to = body?["recipients"]?["to"]?.AsArray();
        if (subject is null || text is null || to is null || to.Count == 0)
        {
            return Error(400, "InvalidRequest", "senderAddress, content.subject, content.plainText and recipients.to are required.");
        }

        foreach (JsonNode? recipient in to)
        {
            string address = recipient?["address"]?.GetValue<string>() ?? "";
            await outbox.RecordAsync("email", address, subject, text, operationId, DateTimeOffset.UtcNow, context.RequestAborted);
        }

        context.Response.Headers["Operation-Location"] = $"{context.Request.Scheme}://{context.Request.Host}/acs/emails/operations/{operationId}?api-version={AcsClient.EmailApiVersion}";
        return Results.Json(new { id = operationId, status = "Running" }, statusCode: StatusCodes.Status202Accepted);
    }

    static async Task<IResult> SendSmsAsync(HttpContext context, DevOutbox outbox, IOptions<LocalAcsOptions> options, DevFaults faults)
    {
        if (await FaultAnswers.AnswerAsync(context, faults, FaultTarget.Acs) is { } faulted)
        {
            return faulted;
        }

        (JsonNode? body, IResult? denied) = await AuthenticateAsync(context, options.Value.AccessKey);
        if (denied is not null)
        {
            return denied;
        }

        string? message = body?["message"]?.GetValue<string>();
        JsonArray? recipients = body?["smsRecipients"]?.AsArray();
        if (message is null || recipients is null || recipients.Count == 0 || body?["from"] is null)
        {
            return Error(400, "InvalidRequest", "from, smsRecipients and message are required.");
        }

        var results = new JsonArray();
        foreach (JsonNode? recipient in recipients)
        {
            string to = recipient?["to"]?.GetValue<string>() ?? "";
            string requestId = recipient?["repeatabilityRequestId"]?.GetValue<string>() ?? Guid.NewGuid().ToString();
            bool first = await outbox.RecordAsync("sms", to, null, message, requestId, DateTimeOffset.UtcNow, context.RequestAborted);
            results.Add(new JsonObject
            {
                ["to"] = to,
                ["messageId"] = requestId,
                ["httpStatusCode"] = 202,
                ["repeatabilityResult"] = first ? "accepted" : "rejected",
                ["successful"] = true,
            });
        }

        return Results.Json(new JsonObject { ["value"] = results }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Checks x-ms-date, x-ms-content-sha256 and the HMAC-SHA256 Authorization header; returns the JSON body.</summary>
    static async Task<(JsonNode? Body, IResult? Denied)> AuthenticateAsync(HttpContext context, string accessKey)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        byte[] body = buffer.ToArray();

        HttpRequest request = context.Request;
        string? date = request.Headers["x-ms-date"].FirstOrDefault();
        string? contentHash = request.Headers["x-ms-content-sha256"].FirstOrDefault();
        string? authorization = request.Headers.Authorization.FirstOrDefault();
        const string prefix = "HMAC-SHA256 SignedHeaders=" + AcsRequestSignature.SignedHeaders + "&Signature=";
        if (date is null || contentHash is null || authorization is null || !authorization.StartsWith(prefix, StringComparison.Ordinal))
        {
            return (null, Error(401, "Denied", "Denied by the resource provider."));
        }

        if (!DateTimeOffset.TryParse(date, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset sentAt)
            || (DateTimeOffset.UtcNow - sentAt).Duration() > AllowedClockSkew)
        {
            return (null, Error(401, "Denied", "The request's x-ms-date is missing or too far from the server's time."));
        }

        if (AcsRequestSignature.ContentHash(body) != contentHash)
        {
            return (null, Error(401, "Denied", "Request 'x-ms-content-sha256' differs from generated content hash."));
        }

        string pathAndQuery = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (request.Path + request.QueryString).ToString();
        string expected = AcsRequestSignature.Sign(accessKey, request.Method, pathAndQuery, date, request.Host.Value ?? "", contentHash);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization[prefix.Length..])))
        {
            return (null, Error(401, "Denied", "Denied by the resource provider."));
        }

        try
        {
            return (JsonNode.Parse(body), null);
        }
        catch (JsonException)
        {
            return (null, Error(400, "InvalidRequest", "The body is not JSON."));
        }
    }

    static IResult Error(int status, string code, string message) => FaultAnswers.Error(status, code, message);
}
