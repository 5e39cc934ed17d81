using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Onboarding.Application.Http;
using Onboarding.Application.Localization;
using Onboarding.Application.Storage;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Registration.Http;

/// <summary>
/// The small localised page an e-mail link opens. Its Confirm button posts the token back;
/// the page itself is strict: no scripts, no external resources, no inline style but its own, no referrer (the URL holds the token).
/// </summary>
public static class EmailConfirmationPage
{
    public static IResult Prompt(JourneyRecord record, string token)
    {
        LanguagePack t = MessageCatalog.For(record.Language);
        string body =
            $"<p>{Encode(MessageCatalog.Format(t.PagePrompt, Masking.Email(record.Email)))}</p>"
            + "<form method=\"post\" action=\"email-confirmation\">"
            + $"<input type=\"hidden\" name=\"token\" value=\"{Encode(token)}\">"
            + $"<button type=\"submit\">{Encode(t.PageButton)}</button></form>";
        return Page(record.Language, t.PageTitle, body, StatusCodes.Status200OK);
    }

    /// <summary>Confirmed: back to the app where it started, or on in the app on this device (<paramref name="continueHere"/>, a way back).</summary>
    public static IResult Confirmed(string language, Uri continueHere) =>
        Page(language, MessageCatalog.For(language).PageTitle, $"<p>{Encode(MessageCatalog.For(language).PageConfirmed)}</p>" + ContinueLink(language, continueHere), StatusCodes.Status200OK);

    public static IResult Pending(string language, Uri continueHere) =>
        Page(language, MessageCatalog.For(language).PageTitle, $"<p>{Encode(MessageCatalog.For(language).PagePending)}</p>" + ContinueLink(language, continueHere), StatusCodes.Status202Accepted);

    static string ContinueLink(string language, Uri continueHere) =>
        $"<p><a href=\"{Encode(continueHere.ToString())}\">{Encode(MessageCatalog.For(language).PageContinueHere)}</a></p>";

    /// <summary>Another journey confirmed the address first: 409.</summary>
    public static IResult Taken(string language) =>
        Page(language, MessageCatalog.For(language).PageTitle, $"<p>{Encode(MessageCatalog.For(language).PageEmailTaken)}</p>", StatusCodes.Status409Conflict);

    /// <summary>Wrong, replaced or used link: 404, in the journey's language or else the browser's.</summary>
    public static IResult Invalid(string? language, StringValues acceptLanguage)
    {
        string chosen = language ?? FromAcceptLanguage(acceptLanguage);
        LanguagePack t = MessageCatalog.For(chosen);
        return Page(chosen, t.PageTitle, $"<p>{Encode(t.PageInvalid)}</p>", StatusCodes.Status404NotFound);
    }

    static string FromAcceptLanguage(StringValues header)
    {
        foreach (string? value in header)
        {
            foreach (string part in (value ?? "").Split(','))
            {
                string tag = part.Split(';')[0].Trim().ToLowerInvariant();
                if (tag.StartsWith("zh", StringComparison.Ordinal)) return Languages.SimplifiedChinese;
                if (tag.StartsWith("ja", StringComparison.Ordinal)) return Languages.Japanese;
                if (tag.StartsWith("ko", StringComparison.Ordinal)) return Languages.Korean;
                if (tag.StartsWith("en", StringComparison.Ordinal)) return Languages.English;
            }
        }

        return Languages.English;
    }

    static IResult Page(string language, string title, string body, int status) => new HtmlPage(status,
        $$"""
        <!DOCTYPE html>
        <html lang="{{Encode(language)}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="robots" content="noindex">
        <title>{{Encode(title)}}</title>
        <style>{{Styles}}</style>
        </head>
        <body>
        <h1>{{Encode(title)}}</h1>
        {{body}}
        </body>
        </html>
        """);

    /// <summary>The page's one stylesheet, inline; the policy allows exactly it (by its hash) and nothing else inline.</summary>
    const string Styles =
        "body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5;color:#1b1f24}"
        + "h1{font-size:1.4rem}a{color:#0b57d0}button{font-size:1.1rem;padding:.6rem 1.6rem;border:0;border-radius:.4rem;background:#1565c0;color:#fff;cursor:pointer}";

    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src {SecurityHeaders.StyleHashSource(Styles)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    static string Encode(string text) => WebUtility.HtmlEncode(text);

    sealed class HtmlPage(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            HttpResponse response = httpContext.Response;
            response.StatusCode = status;
            response.ContentType = "text/html; charset=utf-8";
            response.Headers.CacheControl = "no-store";
            response.Headers["X-Frame-Options"] = "DENY";
            response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            return response.WriteAsync(html);
        }
    }
}
