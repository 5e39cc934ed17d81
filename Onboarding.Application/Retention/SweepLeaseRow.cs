using Onboarding.Application.Storage;

namespace Onboarding.Application.Retention;

/// <summary>
/// Who runs the retention sweep now, until when, and when the last completed sweep began.
/// Table <c>RetentionSweeps</c>; PartitionKey = "sweep", RowKey = "". Every change is ETag-guarded.
/// </summary>
public sealed class SweepLeaseRow : TableRow
{
    public string Holder { get; set; } = "";
    public DateTimeOffset HeldUntil { get; set; }
    public DateTimeOffset? LastCompletedSweepStartedAt { get; set; }
}
