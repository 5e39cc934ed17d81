namespace Onboarding.Application.Security;

/// <summary>
/// Who a person is, for limits across journeys: their passport, which only identifies someone
/// together with the country that issued it. The lookup key of both, never the plain number.
/// </summary>
public static class PersonKey
{
    public static string Of(LookupKeys keys, string nationality, string passportNumber) =>
        keys.Of(LookupPurpose.Passport, $"{nationality.ToUpperInvariant()}\n{passportNumber.ToUpperInvariant()}");
}
