using System.Net;
using System.Text.Json;
using Onboarding.LocalHost.Durable;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.Security;

/// <summary>
/// No token, code or personal value in any log line at any level: a host with every log category —
/// ASP.NET Core's request lines included, which a deployment may turn on — at Debug, through a whole
/// journey whose e-mail link is opened as a browser opens it (the token in the URL's query).
/// </summary>
public sealed class LogLevelTests
{
    /// <summary>Every category the local host's appsettings.json names, and the default, at Debug.</summary>
    static Dictionary<string, string?> EveryCategoryAtDebug()
    {
        using JsonDocument appsettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
        var settings = appsettings.RootElement.GetProperty("Logging").GetProperty("LogLevel").EnumerateObject()
            .ToDictionary(category => $"Logging:LogLevel:{category.Name}", _ => (string?)"Debug");
        settings["Logging:LogLevel:Default"] = "Debug";
        settings["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug";
        return settings;
    }

    [Fact]
    public async Task WholeJourney_EveryCategoryAtDebug_NoSecretInAnyLogLine()
    {
        Dictionary<string, string?> settings = EveryCategoryAtDebug();
        Assert.Contains("Logging:LogLevel:Microsoft.AspNetCore", settings.Keys);
        await using LocalHostInstance host = await LocalHostInstance.StartAsync(DurableBackend.AzureStorage, settings);
        var person = new TestPerson();
        JourneyDriver journey = await person.StartAsync(host.Http);
        var secrets = new List<string> { journey.Token };
        secrets.AddRange(person.Values.Values);

        string code = await journey.PhoneCodeAsync();
        secrets.Add(code);
        await journey.ApplyAsync("/phone-code", new { code }, "awaitingEmailConfirmation");
        Uri link = await journey.EmailLinkAsync();
        string token = JourneyDriver.TokenOf(link);
        secrets.Add(token);
        using (HttpResponseMessage page = await host.Http.GetAsync(link.PathAndQuery)) // as a browser opens the link
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var form = new FormUrlEncodedContent([new("token", token)]))
        using (HttpResponseMessage confirmed = await host.Http.PostAsync(link.AbsolutePath, form))
        {
            Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        }

        await journey.ApplyAsync("/profile", person.Profile, "registered");
        await journey.ApplyAsync("/verification", person.BankDetails, "awaitingDepositAmounts");
        string[] amounts = await journey.DepositAmountsAsync();
        secrets.AddRange(amounts.Select(amount => $"\"{amount}\""));
        await journey.ApplyAsync("/deposit-amounts", new { amounts }, "verified");

        string[] lines = host.Logs.Lines.ToArray();
        Assert.Contains(lines, line => line.Contains("Request starting", StringComparison.Ordinal) && line.Contains("email-confirmation?[redacted]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Debug Microsoft.AspNetCore", StringComparison.Ordinal));
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }
}
