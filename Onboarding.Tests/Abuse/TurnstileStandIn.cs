using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Onboarding.Tests.Abuse;

/// <summary>
/// A local stand-in for Cloudflare Turnstile's siteverify, over real HTTP: tokens starting with
/// "pass" are valid once, "broken" makes it answer 500, anything else is refused. A valid token's
/// answer names the page's host name and the widget's action as the token says (<see cref="Token"/>).
/// It records what it was sent.
/// </summary>
public sealed class TurnstileStandIn : IAsyncDisposable
{
    public const string Secret = "0x4AAAAAAAstand-in-secret";

    readonly WebApplication app;
    readonly ConcurrentDictionary<string, bool> used = new(StringComparer.Ordinal);

    TurnstileStandIn(WebApplication app, Uri url)
    {
        this.app = app;
        SiteVerifyUrl = url;
    }

    public Uri SiteVerifyUrl { get; }

    /// <summary>A token as a widget with <paramref name="action"/> on a page of <paramref name="hostname"/> would hand out (the test host's pages are on 127.0.0.1).</summary>
    public static string Token(string action = "start", string hostname = "127.0.0.1") => $"pass|{action}|{hostname}|{Guid.NewGuid():N}";

    /// <summary>Each verification as sent: the form's fields.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> Requests { get; } = new();

    public static async Task<TurnstileStandIn> StartAsync()
    {
        string url = $"http://127.0.0.1:{Onboarding.Testing.Ports.Free()}";
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var standIn = new TurnstileStandIn(app, new Uri(url + "/turnstile/v0/siteverify"));
        app.MapPost("/turnstile/v0/siteverify", async (HttpRequest request) =>
        {
            IFormCollection form = await request.ReadFormAsync();
            var fields = form.ToDictionary(field => field.Key, field => field.Value.ToString(), StringComparer.Ordinal);
            standIn.Requests.Enqueue(fields);
            string token = fields.GetValueOrDefault("response", "");
            if (token.StartsWith("broken", StringComparison.Ordinal))
            {
                return Results.StatusCode(500);
            }

            bool success = fields.GetValueOrDefault("secret") == Secret && token.StartsWith("pass", StringComparison.Ordinal) && standIn.used.TryAdd(token, true);
            string[] parts = token.Split('|');
            return Results.Json(new Dictionary<string, object>
            {
                ["success"] = success,
                ["error-codes"] = success ? Array.Empty<string>() : ["invalid-input-response"],
                ["hostname"] = parts.Length == 4 ? parts[2] : "127.0.0.1",
                ["action"] = parts.Length == 4 ? parts[1] : "start",
                ["challenge_ts"] = DateTime.UtcNow.ToString("O"),
            });
        });
        await app.StartAsync();
        return standIn;
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
