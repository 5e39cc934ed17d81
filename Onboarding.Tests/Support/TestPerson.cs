using System.Globalization;

namespace Onboarding.Tests.Support;

/// <summary>A person whose every value is unique to the test run, so that a scan of the tables finds only theirs.</summary>
public sealed class TestPerson
{
    public string Email { get; } = Builders.Email();
    public string Phone { get; } = Builders.PhoneNumber();
    public string GivenName { get; } = "Ottilie" + Letters(6);
    public string FamilyName { get; } = "Vandermeer" + Letters(6);
    public string PassportNumber { get; } = "P" + Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
    public string DateOfBirth { get; } = new DateOnly(1950, 1, 1).AddDays(Random.Shared.Next(0, 15_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    /// <summary>The bank account of the person's journey (<see cref="JourneyDriver.AccountNumber"/>), once started.</summary>
    public string AccountNumber { get; private set; } = "";

    public string HolderName => $"{FamilyName} {GivenName}".ToUpperInvariant();

    public object Profile => new { givenName = GivenName, familyName = FamilyName, nameOrder = "givenFirst", nationality = "US", dateOfBirth = DateOfBirth, passportNumber = PassportNumber };

    public object BankDetails => Builders.BankDetails(AccountNumber, HolderName);

    /// <summary>Each value, named for what it is.</summary>
    public IReadOnlyDictionary<string, string> Values => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["e-mail"] = Email,
        ["phone"] = Phone,
        ["given name"] = GivenName,
        ["family name"] = FamilyName,
        ["passport number"] = PassportNumber,
        ["date of birth"] = DateOfBirth,
        ["bank account number"] = AccountNumber,
        ["holder name"] = HolderName,
    };

    /// <summary>The values the tables store sealed, never in plain text.</summary>
    public IReadOnlyDictionary<string, string> SealedValues => Values
        .Where(pair => pair.Key is "passport number" or "date of birth" or "bank account number" or "holder name")
        .ToDictionary(StringComparer.Ordinal);

    public async Task<JourneyDriver> StartAsync(HttpClient http, string? idempotencyKey = null)
    {
        JourneyDriver journey = await JourneyDriver.StartAsync(http, Email, Phone, idempotencyKey: idempotencyKey);
        AccountNumber = journey.AccountNumber;
        return journey;
    }

    static string Letters(int length) => string.Concat(Enumerable.Range(0, length).Select(_ => (char)('a' + Random.Shared.Next(26))));
}
