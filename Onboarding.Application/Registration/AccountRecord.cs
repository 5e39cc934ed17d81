using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// The payment account a journey creates ("未认证" until the deposits match). Personal data.
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
    public string NameOrder { get; set; } = "";
    public string Nationality { get; set; } = "";
    public string DateOfBirth { get; set; } = "";
    public string PassportNumber { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public bool Verified { get; set; }
    public DateTimeOffset? VerifiedAt { get; set; }
}
