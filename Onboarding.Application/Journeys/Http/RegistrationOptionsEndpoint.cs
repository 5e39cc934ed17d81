using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Contract;
using Onboarding.Application.Http;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Journeys.Http;

/// <summary>
/// <c>GET /api/registration-options</c>: what a start may name — languages, the regions people may
/// live in, the nationalities served, the phone countries texted besides a person's own — and whom
/// to ask for help, as configured. A frontend offers exactly these, so its screen and the server's
/// rules cannot drift apart.
/// </summary>
public sealed class RegistrationOptionsEndpoint(ApiCall api, IOptions<JourneyOptions> journey, IOptions<SupportOptions> support)
{
    public Task<IResult> GetAsync(HttpRequest request) => api.RunAsync(request, () =>
    {
        Eligibility eligibility = journey.Value.Eligibility();
        SupportOptions contact = support.Value;
        var view = new RegistrationOptionsView(
            Languages.All,
            [.. eligibility.Residences],
            [.. eligibility.Nationalities],
            Regions.China,
            [.. eligibility.SmsCountries],
            new SupportView(NullIfEmpty(contact.Email), NullIfEmpty(contact.Phone), NullIfEmpty(contact.Url)));

        // The same for everyone, and it changes only with a deployment.
        request.HttpContext.Response.Headers.CacheControl = "public, max-age=300";
        return Task.FromResult(Results.Json(view, ApiJson.Options));
    });

    static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <param name="Regions">Where people may live (the start's <c>region</c>); others: <c>422 region-not-supported</c>.</param>
/// <param name="Nationalities">Whose citizens are served; others: <c>422 nationality-not-supported</c>.</param>
/// <param name="ChineseCitizenship">The nationality whose citizens register in the domestic flow: <c>422 chinese-citizen</c>.</param>
/// <param name="SmsCountries">Phone countries texted besides those of the person's residence and nationality; others: <c>422 phone-country-not-supported</c>.</param>
public sealed record RegistrationOptionsView(
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Nationalities,
    string ChineseCitizenship,
    IReadOnlyList<string> SmsCountries,
    SupportView Support);

/// <summary>Whom to ask: each null when not configured.</summary>
public sealed record SupportView(string? Email, string? Phone, string? Url);
