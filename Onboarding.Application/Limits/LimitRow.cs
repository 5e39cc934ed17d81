using Onboarding.Application.Storage;

namespace Onboarding.Application.Limits;

/// <summary>
/// One counter of one limit. Table <c>Limits</c>; PartitionKey = limit name + ":" + what it counts
/// (a lookup key, a calling code, a journey id, or "all"), RowKey = the limit's window in ticks (a
/// changed window starts a fresh counter).
/// </summary>
public sealed class LimitRow : TableRow
{
    /// <summary><see cref="Onboarding.Domain.Limits.SliceCounts"/> or <see cref="Onboarding.Domain.Limits.Members"/>, as text.</summary>
    public string State { get; set; } = "";
}
