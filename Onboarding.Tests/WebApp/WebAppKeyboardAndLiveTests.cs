using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Onboarding.Domain.Registration;
using Onboarding.Tests.Support;

namespace Onboarding.Tests.WebApp;

/// <summary>
/// The journey with the keyboard alone; the live status falling back to polling when the event
/// stream is blocked; and the app's own lists (texts in four languages, regions) kept complete.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppKeyboardAndLiveTests(WebAppFixture fixture)
{
    readonly LocalHostInstance host = fixture.Host;

    [Fact]
    public async Task Journey_KeyboardOnly_ReachesVerified()
    {
        string email = Builders.Email();
        string phone = Builders.PhoneNumber();
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "keyboard");
        IKeyboard keys = person.Page.Keyboard;

        await TabToAsync(person, "#field-email");
        await keys.TypeAsync(email);
        await TabToAsync(person, "#field-region");
        await keys.TypeAsync("United States");
        await TabToAsync(person, "#field-phoneNumber");
        await keys.TypeAsync(phone);
        await keys.PressAsync("Enter");
        await person.AtAsync("phone-code");

        (string id, string token) = await person.JourneyAsync();
        JourneyDriver journey = JourneyDriver.Attach(host.Http, id, token, email, phone);
        await TabToAsync(person, "#field-code");
        await keys.TypeAsync(await journey.PhoneCodeAsync());
        await keys.PressAsync("Enter");
        await person.AtAsync("check-email");

        // The link on the other device, with its keyboard too.
        Uri link = await journey.EmailLinkAsync();
        await using (Visitor mailbox = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "keyboard-other-device", link.PathAndQuery + link.Fragment))
        {
            await mailbox.AtAsync("confirm-email");
            await TabToAsync(mailbox, "#confirm-email");
            await mailbox.Page.Keyboard.PressAsync("Enter");
            await mailbox.AtAsync("email-confirmed");
        }

        await person.AtAsync("profile");
        await TabToAsync(person, "#field-givenName");
        await keys.TypeAsync("Anna");
        await TabToAsync(person, "#field-familyName");
        await keys.TypeAsync("Smith");
        await TabToAsync(person, "#order-given");
        await keys.PressAsync("Space");
        Assert.True(await person.Page.IsCheckedAsync("#order-given"));
        await TabToAsync(person, "#field-nationality");
        await keys.TypeAsync("Germany");
        Assert.Equal("DE", await person.Page.InputValueAsync("#field-nationality"));
        await TabToAsync(person, "#field-dateOfBirth");
        await keys.TypeAsync("01311990");
        Assert.Equal("1990-01-31", await person.Page.InputValueAsync("#field-dateOfBirth"));
        await TabToAsync(person, "#field-passportNumber");
        await keys.TypeAsync("X1234567");
        await keys.PressAsync("Enter");

        await person.AtAsync("bank");
        await TabToAsync(person, "#field-bankName");
        await keys.TypeAsync("Bank of China");
        await TabToAsync(person, "#field-bankAccountNumber");
        await keys.TypeAsync(journey.AccountNumber);
        await TabToAsync(person, "#field-accountHolderName");
        await keys.TypeAsync("SMITH ANNA");
        await keys.PressAsync("Enter");

        await person.AtAsync("deposits");
        string[] amounts = await journey.DepositAmountsAsync();
        await TabToAsync(person, "#field-amount-1");
        await keys.TypeAsync(amounts[0]);
        await TabToAsync(person, "#field-amount-2");
        await keys.TypeAsync(amounts[1]);
        await TabToAsync(person, "#deposits-form button[type=submit]");
        await keys.PressAsync("Enter");

        await person.AtAsync("verified");
        Assert.Empty(person.Problems);
    }

    [Fact]
    public async Task Status_EventStreamBlocked_PollsAndStillMovesOnByItself()
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(host.Http);
        await journey.ApplyAsync("/phone-code", new { code = await journey.PhoneCodeAsync() }, "awaitingEmailConfirmation");
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "polling");
        // A network in between that drops streaming responses.
        await person.Tab.Context.RouteAsync("**/events", route => route.AbortAsync());
        await person.ResumeAsync(journey);
        await person.AtAsync("check-email");
        await person.Tab.WaitForAsync("document.documentElement.dataset.live === 'polling'", "the fallback to polling");
        await person.CaptureAsync("check-email-polling");

        Uri link = await journey.EmailLinkAsync();
        using (HttpResponseMessage confirmed = await host.Http.PostAsJsonAsync(journey.Path("/email-confirmation"), new { token = JourneyDriver.TokenOf(link) }))
        {
            Assert.True(confirmed.IsSuccessStatusCode, $"confirmation answered {(int)confirmed.StatusCode}");
        }

        await person.AtAsync("profile", TimeSpan.FromSeconds(15));
    }

    [Fact]
    public async Task Texts_EveryLanguage_HasEveryTextOfEnglish()
    {
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "texts");
        JsonElement keys = await person.Page.EvaluateAsync<JsonElement>(
            """
            async () => {
              const { texts } = await import('/app/texts.js');
              const flat = (o, p = '') => Object.entries(o).flatMap(([k, v]) => typeof v === 'object' ? flat(v, p + k + '.') : [p + k]).sort();
              return Object.fromEntries(Object.entries(texts).map(([language, t]) => [language, flat(t)]));
            }
            """);
        string[] english = keys.GetProperty("en").EnumerateArray().Select(key => key.GetString()!).ToArray();
        Assert.Contains("errors.holder-name-mismatch", english);
        JsonProperty[] languages = keys.EnumerateObject().Where(member => !member.Name.StartsWith('$')).ToArray(); // Playwright adds "$id"
        Assert.Equal(Languages.All.Order(StringComparer.Ordinal), languages.Select(language => language.Name).Order(StringComparer.Ordinal));
        foreach (JsonProperty language in languages)
        {
            Assert.Equal(english, language.Value.EnumerateArray().Select(key => key.GetString()!).ToArray());
        }
    }

    [Fact]
    public async Task Start_TheListsOffered_AreTheServersSoScreenAndRulesCannotDrift()
    {
        await using Visitor person = await Visitor.OpenAsync(fixture.Browser, host.BaseAddress, "en", "options");
        JsonElement options = await host.Http.GetFromJsonAsync<JsonElement>("/api/registration-options");
        string[] regions = options.GetProperty("regions").EnumerateArray().Select(code => code.GetString()!).ToArray();
        string[] nationalities = options.GetProperty("nationalities").EnumerateArray().Select(code => code.GetString()!).ToArray();

        string[] regionsOffered = await person.Page.EvaluateAsync<string[]>("[...document.querySelectorAll('#field-region option')].map(o => o.value).filter(Boolean)");
        string[] nationalitiesOffered = await person.Page.EvaluateAsync<string[]>("[...document.querySelectorAll('#field-nationality option')].map(o => o.value).filter(Boolean)");

        Assert.Equal(regions.Order(StringComparer.Ordinal), regionsOffered.Order(StringComparer.Ordinal));
        Assert.Equal(nationalities.Append("CN").Order(StringComparer.Ordinal), nationalitiesOffered.Order(StringComparer.Ordinal));
        Assert.Contains("CN", regionsOffered);
        Assert.DoesNotContain("KP", regionsOffered);
        Assert.DoesNotContain("KP", nationalitiesOffered);
        Assert.Equal(Eligibility.Default.Residences.Order(StringComparer.Ordinal), regions.Order(StringComparer.Ordinal));
    }

    /// <summary>Presses Tab until <paramref name="selector"/> has the focus (as a person tabbing through the page does).</summary>
    static async Task TabToAsync(Visitor person, string selector)
    {
        for (int press = 0; press < 40; press++)
        {
            if (await person.Page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }

            await person.Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"40 presses of Tab never reached {selector}");
    }
}
