using Onboarding.Application.Storage;

namespace Onboarding.Application.Verification;

/// <summary>
/// A transfer in the sandbox bank's statement. Table <c>SandboxTransfers</c>;
/// PartitionKey = account number, RowKey = inverted time + reference + index (newest first).
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
    public string AccountNumber { get; set; } = "";
    public string AmountsFen { get; set; } = "";
    public DateTimeOffset At { get; set; }
}
