using Onboarding.Application.Storage;

namespace Onboarding.Application.Registration;

/// <summary>
/// Who holds an e-mail address: a running journey, or the account it became. Table
/// <c>EmailClaims</c>; PartitionKey = SHA-256 of the canonical address, RowKey = "".
/// </summary>
public sealed class EmailClaim : TableRow
{
    public string JourneyId { get; set; } = "";

    /// <summary>True once the journey created the account: the address is taken for good.</summary>
    public bool AccountCreated { get; set; }
}
