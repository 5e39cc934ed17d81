using System.Globalization;

namespace Onboarding.Bench.Users;

/// <summary>One simulated person: an e-mail address, a phone number, a bank account and a passport nobody else in the run has.</summary>
public sealed record Person(string Email, string Phone, string AccountNumber, string Passport);

/// <summary>
/// Hands out people that never collide within a process: a run-specific random base plus a
/// counter (random numbers alone, as the tests use, collide now and then among hundreds of users,
/// and a shared phone number would look like a duplicate SMS to the chaos checks).
/// </summary>
public static class People
{
    static readonly int[] Exchanges = Enumerable.Range(200, 800).Where(exchange => exchange % 100 != 11 && exchange != 555).ToArray();
    static readonly string Run = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4));
    static readonly int ExchangeBase = Random.Shared.Next(Exchanges.Length);
    static readonly long AccountBase = Random.Shared.NextInt64(0, 900_000_000_000_000);
    static readonly int PassportBase = Random.Shared.Next(0, 100_000_000);
    static int next;

    public static Person Next()
    {
        int n = Interlocked.Increment(ref next);
        int exchange = Exchanges[(ExchangeBase + n / 10_000) % Exchanges.Length];
        string phone = string.Create(CultureInfo.InvariantCulture, $"+1415{exchange:D3}{n % 10_000:D4}");
        string account = "6217" + (AccountBase + n).ToString("D15", CultureInfo.InvariantCulture);
        string passport = string.Create(CultureInfo.InvariantCulture, $"B{(PassportBase + n) % 100_000_000:D8}");
        return new Person($"bench-{Run}-{n}@example.com", phone, account, passport);
    }

    public static object StartBody(Person person) => new { email = person.Email, region = "US", phoneNumber = person.Phone, language = "en" };

    public static object Profile(Person person) => new
    {
        givenName = "Anna",
        familyName = "Smith",
        nameOrder = "givenFirst",
        nationality = "US",
        dateOfBirth = "1990-01-31",
        passportNumber = person.Passport,
    };

    public static object BankDetails(Person person) => new
    {
        identityType = "foreigner",
        bankName = "Bank of China",
        bankAccountNumber = person.AccountNumber,
        accountHolderName = "SMITH ANNA",
    };
}
