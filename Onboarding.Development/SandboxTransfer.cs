using Onboarding.Application.Storage;

namespace Onboarding.Development;

/// <summary>
/// A transfer in the sandbox bank's statement. Table <c>SandboxTransfers</c>;
/// PartitionKey = the account number's lookup key, RowKey = inverted time + reference + index (newest first).
/// </summary>
public sealed class SandboxTransfer : TableRow
{
    public int AmountFen { get; set; }
    public string Currency { get; set; } = "CNY";
    public string Reference { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// One payment order: its amounts, so a repeated order returns them instead of paying again.
/// Table <c>SandboxPayments</c>; PartitionKey = reference, RowKey = "".
/// </summary>
public sealed class SandboxPayment : TableRow
{
    /// <summary>The lookup key of the account paid into (the partition of its transfers).</summary>
    public string? AccountKey { get; set; }

    /// <summary>The plain account number, as builds before the lookup key wrote it; the re-encryption pass replaces it by <see cref="AccountKey"/>.</summary>
    public string? AccountNumber { get; set; }
    public string AmountsFen { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
