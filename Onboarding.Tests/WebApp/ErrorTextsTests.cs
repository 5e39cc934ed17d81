using System.Diagnostics;
using System.Text.Json;
using Onboarding.Application.Localization;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The texts of the journey's <c>lastError</c> codes exist twice: the API's <c>lastError.message</c>
/// (<see cref="MessageCatalog"/>) and the web app's (<c>web/texts.js</c>, which adds the tries left).
/// They say the same in every language: the web app's text begins with the API's sentence.
/// </summary>
public sealed class ErrorTextsTests
{
    static readonly string[] Codes = [JourneyErrorCodes.WrongCode, JourneyErrorCodes.WrongAmounts, JourneyErrorCodes.CodeExpired];

    [Fact]
    public async Task LastErrorTexts_WebAppAndApi_SayTheSameInEveryLanguage()
    {
        Dictionary<string, Dictionary<string, string>> web = await WebTextsAsync();

        Assert.Equal(Languages.All.Order(StringComparer.Ordinal), web.Keys.Order(StringComparer.Ordinal));
        foreach ((string language, Dictionary<string, string> texts) in web)
        {
            foreach (string code in Codes)
            {
                string api = MessageCatalog.ErrorMessage(code, language)!;
                string sentence = api.TrimEnd('.', '。');
                Assert.True(
                    texts[code] == api || texts[code].StartsWith(sentence, StringComparison.Ordinal),
                    $"{language} {code}: the web app says \"{texts[code]}\", the API \"{api}\" (MessageCatalog).");
            }
        }
    }

    /// <summary>web/texts.js's error texts of <see cref="Codes"/> in each language, with 2 tries left where a text counts them.</summary>
    static async Task<Dictionary<string, Dictionary<string, string>>> WebTextsAsync()
    {
        string script = $$"""
            import { texts } from './texts.js';
            const codes = {{JsonSerializer.Serialize(Codes)}};
            const out = {};
            for (const [language, pack] of Object.entries(texts)) {
              out[language] = Object.fromEntries(codes.map((code) => [code, typeof pack.errors[code] === 'function' ? pack.errors[code](2) : pack.errors[code]]));
            }
            console.log(JSON.stringify(out));
            """;
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.File("web"), RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "--no-warnings", "--input-type=module", "-e", script })
        {
            start.ArgumentList.Add(argument);
        }

        using Process node = Process.Start(start)!;
        Task<string> errors = node.StandardError.ReadToEndAsync();
        string output = await node.StandardOutput.ReadToEndAsync();
        await node.WaitForExitAsync();
        Assert.True(node.ExitCode == 0, $"node could not read web/texts.js: {await errors}");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(output)!;
    }
}
