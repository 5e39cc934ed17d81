using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>
/// The person a bank account was verified for: no other person may verify with it. Table
/// <c>BankAccountOwners</c>; PartitionKey = lookup key of the account number, RowKey = "" — and,
/// per verifying journey, a pointer to it: PartitionKey = journey id, RowKey = "verified-account",
/// with <see cref="AccountKey"/> (so an erase finds the row).
/// </summary>
public sealed class BankAccountOwner : TableRow
{
    /// <summary>The person's lookup key (<see cref="Security.PersonKey"/>).</summary>
    public string PersonKey { get; set; } = "";

    /// <summary>The journey that verified the account first.</summary>
    public string JourneyId { get; set; } = "";

    public DateTimeOffset VerifiedAt { get; set; }

    /// <summary>On a journey's pointer row: the key of the account it verified.</summary>
    public string? AccountKey { get; set; }
}
