using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Application.Verification;
using Onboarding.Domain.Validation;
using Onboarding.Domain.Verification;

namespace Onboarding.Development;

/// <summary>The /dev routes: the outbox (mail and SMS sent, events published) and the sandbox bank's statements.</summary>
public sealed class DevEndpoints(ApiCall api, DevOutbox outbox, DevEvents events, SandboxBank bank)
{
    /// <summary><c>/dev/events?subject=</c>: the CloudEvents the local Event Grid stand-in accepted, as they arrived, oldest first.</summary>
    public Task<IResult> ListEventsAsync(HttpRequest request) => api.RunAsync(request, ["subject"], async () =>
    {
        IReadOnlyList<ReceivedEvent> received = await events.ListAsync(Subject(request), request.HttpContext.RequestAborted);
        return new NoStoreResult(Results.Json(received.Select(row => JsonDocument.Parse(row.Json).RootElement.Clone()), ApiJson.Options));
    });

    public Task<IResult> ListMessagesAsync(HttpRequest request) => api.RunAsync(request, ["to"], async () =>
    {
        IReadOnlyList<OutboxMessageView> messages = await outbox.ListAsync(Recipient(request), request.HttpContext.RequestAborted);
        return new NoStoreResult(Results.Json(messages, ApiJson.Options));
    });

    public Task<IResult> ShowOutboxAsync(HttpRequest request) => api.RunPageAsync(request, async () =>
    {
        string? to = Recipient(request);
        string? subject = string.IsNullOrEmpty(request.Query["subject"]) ? null : Subject(request); // an empty filter field shows all
        IReadOnlyList<OutboxMessageView> messages = await outbox.ListAsync(to, request.HttpContext.RequestAborted);
        IReadOnlyList<ReceivedEvent> published = await events.ListAsync(subject, request.HttpContext.RequestAborted);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"5\">")
            .Append("<title>Onboarding outbox</title><style>").Append(OutboxStyles).Append("</style></head><body>")
            .Append("<h1>Outbox</h1><p>Messages the local ACS endpoint accepted, newest first. This page refreshes every 5 seconds.</p>")
            .Append("<form method=\"get\"><input name=\"to\" placeholder=\"e-mail or +E.164\" value=\"").Append(WebUtility.HtmlEncode(to ?? ""))
            .Append("\"> <button>Filter</button></form><table><tr><th>Sent (UTC)</th><th>Channel</th><th>To</th><th>Subject</th><th>Text</th></tr>");
        foreach (OutboxMessageView message in messages)
        {
            html.Append("<tr><td>").Append(message.SentAt.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(message.Channel)
                .Append("</td><td>").Append(WebUtility.HtmlEncode(message.To))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(message.Subject ?? ""))
                .Append("</td><td><pre>").Append(WebUtility.HtmlEncode(message.Text)).Append("</pre></td></tr>");
        }

        html.Append("</table><h2 id=\"events\">Events</h2><p>CloudEvents the local Event Grid topic accepted (JSON at <code>/dev/events?subject=</code>), oldest first; a second delivery of an event shows twice.</p>")
            .Append("<form method=\"get\" action=\"#events\"><input name=\"subject\" placeholder=\"journey id\" value=\"").Append(WebUtility.HtmlEncode(subject ?? ""))
            .Append("\"> <button>Filter</button></form><table><tr><th>Received (UTC)</th><th>Subject</th><th>Sequence</th><th>Type</th><th>Id</th></tr>");
        foreach (ReceivedEvent received in published)
        {
            html.Append("<tr><td>").Append(received.ReceivedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(received.PartitionKey))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(received.Sequence))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(received.Type))
                .Append("</td><td>").Append(WebUtility.HtmlEncode(received.EventId)).Append("</td></tr>");
        }

        html.Append("</table></body></html>");
        return new NoStoreResult(new OutboxPage(html.ToString()));
    });

    const string OutboxStyles =
        "body{font-family:system-ui,sans-serif;margin:2rem}table{border-collapse:collapse;width:100%}"
        + "td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:left;vertical-align:top}pre{white-space:pre-wrap;margin:0}";

    /// <summary>The outbox page's policy: its own stylesheet (by hash), its filter form to itself, nothing else.</summary>
    public static readonly string OutboxPolicy =
        $"default-src 'none'; style-src {SecurityHeaders.StyleHashSource(OutboxStyles)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    sealed class OutboxPage(string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.ContentType = "text/html; charset=utf-8";
            httpContext.Response.Headers.ContentSecurityPolicy = OutboxPolicy;
            return httpContext.Response.WriteAsync(html);
        }
    }

    public Task<IResult> ListTransfersAsync(HttpRequest request) => api.RunAsync(request, ["accountNumber"], async () =>
    {
        string? accountNumber = RequestQuery.Single(request, "accountNumber")?.Replace(" ", "", StringComparison.Ordinal);
        if (accountNumber is not { Length: >= 12 and <= 19 } || !accountNumber.All(char.IsAsciiDigit))
        {
            throw Problems.Validation("accountNumber", "Give the account number (12 to 19 digits) as ?accountNumber=.");
        }

        IReadOnlyList<SandboxTransfer> transfers = await bank.StatementAsync(accountNumber, request.HttpContext.RequestAborted);
        return new NoStoreResult(Results.Json(
            transfers.Select(transfer => new TransferView(DepositAmounts.Format(transfer.AmountFen), transfer.Currency, transfer.Reference, transfer.At.UtcDateTime)),
            ApiJson.Options));
    });

    static string? Subject(HttpRequest request)
    {
        string? subject = RequestQuery.Single(request, "subject");
        if (subject is not null && (TextRules.Characters(subject) > 128 || subject.Any(char.IsControl)))
        {
            throw Problems.Validation("subject", "Give a journey id (at most 128 characters, no control characters).");
        }

        return subject;
    }

    static string? Recipient(HttpRequest request)
    {
        string? raw = RequestQuery.Single(request, "to");
        if (raw is null)
        {
            return null;
        }

        if (TextRules.Characters(raw) > 254 || raw.Any(char.IsControl))
        {
            throw Problems.Validation("to", "Give an e-mail address or an E.164 phone number (at most 254 characters, no control characters).");
        }

        // An unencoded '+' in a query string arrives as a space: digits alone are an E.164 number.
        string to = raw.Trim();
        return to.Length == 0 ? null : to.All(char.IsAsciiDigit) ? "+" + to : to;
    }
}

public sealed record TransferView(string Amount, string Currency, string Reference, DateTime At);
