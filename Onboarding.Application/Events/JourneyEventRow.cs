using Onboarding.Application.Storage;

namespace Onboarding.Application.Events;

/// <summary>
/// One event of a journey. Table <c>JourneyEvents</c>; PartitionKey = journey id, RowKey = "e-" + the
/// event's key (its status version, or "erased"), so a repeated step finds it.
/// </summary>
public sealed class JourneyEventRow : TableRow
{
    public const string RowPrefix = "e-";

    public int Sequence { get; set; }
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public DateTimeOffset Time { get; set; }
    public string Data { get; set; } = "";
    public string? TraceParent { get; set; }

    public JourneyEvent ToEvent() => new(PartitionKey, Sequence, EventId, Type, Time, Data, TraceParent);
}
