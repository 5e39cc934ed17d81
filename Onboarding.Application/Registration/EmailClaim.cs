using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// Who holds an e-mail address: a journey that confirmed it, or the account it became. Table
/// <c>EmailClaims</c>; PartitionKey = lookup key of the canonical address (the earlier build: its
/// SHA-256, claimed at the start), RowKey = "".
/// </summary>
public sealed class EmailClaim : TableRow
{
    public string JourneyId { get; set; } = "";

    /// <summary>True once the journey created the account: the address is taken for good.</summary>
    public bool AccountCreated { get; set; }
}
