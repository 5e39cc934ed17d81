using Onboarding.Application.Storage;

namespace Onboarding.Development;

/// <summary>
/// A CloudEvent the local Event Grid stand-in accepted, exactly as it arrived (a second delivery of
/// an event is a second row). Table <c>DevEvents</c>; PartitionKey = the event's subject (the journey
/// id), RowKey = when it arrived (ticks) + a random suffix, so a partition reads in arrival order.
/// </summary>
public sealed class ReceivedEvent : TableRow
{
    public string EventId { get; set; } = "";
    public string Type { get; set; } = "";
    public string Sequence { get; set; } = "";
    public string Json { get; set; } = "";
    public DateTimeOffset ReceivedAt { get; set; }
}
