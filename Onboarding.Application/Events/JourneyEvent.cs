using System.Globalization;
using Azure.Messaging;

namespace Onboarding.Application.Events;

/// <summary>
/// One of a journey's events as Onboarding keeps it: its place in the journey (<see cref="Sequence"/>,
/// from 1, no gaps), a deterministic <see cref="Id"/>, and the content every delivery and every replay
/// carries unchanged.
/// </summary>
/// <param name="Data">The <c>data</c> as JSON text: the journey's status (masked values only), for <c>verified</c> with its <c>accountId</c>.</param>
/// <param name="TraceParent">The W3C trace context of the step that recorded it, if it ran in one: consumers join the journey's trace.</param>
public sealed record JourneyEvent(string JourneyId, int Sequence, string Id, string Type, DateTimeOffset Time, string Data, string? TraceParent)
{
    /// <summary>The <c>sequence</c> extension is a string compared as a string: zero-padded to the digits of the largest int.</summary>
    public static string SequenceText(int sequence) => sequence.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>The CloudEvent, as published and as replayed. <paramref name="source"/> is <c>Events:Source</c>.</summary>
    public CloudEvent ToCloudEvent(string source)
    {
        var cloudEvent = new CloudEvent($"{source}/{JourneyId}", Type, BinaryData.FromString(Data), "application/json", CloudEventDataFormat.Json)
        {
            Id = Id,
            Subject = JourneyId,
            Time = Time,
        };
        cloudEvent.ExtensionAttributes["sequence"] = SequenceText(Sequence);
        if (TraceParent is not null)
        {
            cloudEvent.ExtensionAttributes["traceparent"] = TraceParent;
        }

        return cloudEvent;
    }
}
