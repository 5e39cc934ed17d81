using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// The payment account a journey creates ("未认证" until the deposits match). Personal data; once
/// verified, the KYC record, with the bank account the deposits proved. The birth date, passport
/// number, bank account number and holder name are stored sealed (<see cref="Security.FieldCipher"/>).
/// Table <c>Accounts</c>; PartitionKey = account id (the journey id that created it), RowKey = "account".
/// </summary>
public sealed class AccountRecord : TableRow
{
    public const string Row = "account";

    public string Email { get; set; } = "";
    public string PhoneNumber { get; set; } = "";
    public string Region { get; set; } = "";
    public string Language { get; set; } = "";
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string? ChineseName { get; set; }
    public string NameOrder { get; set; } = "";
    public string Nationality { get; set; } = "";
    public string DateOfBirth { get; set; } = "";
    public string PassportNumber { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public bool Verified { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>The bank account the matching deposits went to: set when the account is verified.</summary>
    public string? BankName { get; set; }
    public string? BankAccountNumber { get; set; }
    public string? AccountHolderName { get; set; }
}
