namespace Onboarding.Tests.Support;

/// <summary>Test data: unique people, so tests never collide on an e-mail address or phone number.</summary>
public static class Builders
{
    public static string Email() => $"user-{Guid.NewGuid():N}@example.com";

    /// <summary>A valid US number (E.164) nobody else in the run has.</summary>
    public static string PhoneNumber()
    {
        int exchange = Random.Shared.Next(200, 1000);
        while (exchange % 100 == 11 || exchange == 555)
        {
            exchange = Random.Shared.Next(200, 1000);
        }

        return $"+1415{exchange:D3}{Random.Shared.Next(0, 10000):D4}";
    }

    /// <summary>A mainland Chinese mobile number (E.164) nobody else in the run has: the seed's person's.</summary>
    public static string ChineseMobile() => $"+86139{Random.Shared.Next(0, 100_000_000):D8}";

    /// <summary>A UnionPay-style account number (19 digits, no check digit) nobody else in the run has.</summary>
    public static string AccountNumber() => "6217" + Random.Shared.NextInt64(0, 1_000_000_000_000_000).ToString("D15", System.Globalization.CultureInfo.InvariantCulture);

    public static object StartBody(string email, string phone, string region = "US", string language = "en") =>
        new { email, region, phoneNumber = phone, language };

    /// <summary>A passport number nobody else in the run has (the limits count journeys per passport).</summary>
    public static string Passport() => "P" + Random.Shared.Next(0, 100_000_000).ToString("D8", System.Globalization.CultureInfo.InvariantCulture);

    public static object Profile(string givenName = "Anna", string familyName = "Smith", string passport = "X1234567") => new
    {
        givenName,
        familyName,
        nameOrder = "givenFirst",
        nationality = "US",
        dateOfBirth = "1990-01-31",
        passportNumber = passport,
    };

    public static object BankDetails(string accountNumber, string holder = "SMITH ANNA") => new
    {
        identityType = "foreigner",
        bankName = "Bank of China",
        bankAccountNumber = accountNumber,
        accountHolderName = holder,
    };
}
