using Azure.Messaging;

namespace Onboarding.EventConsumer;

/// <summary>
/// What the consumer knows of each journey, and the three rules of consuming Onboarding's events:
/// take an <c>id</c> once (Event Grid delivers at least once); apply a journey's events in
/// <c>sequence</c> order, holding back one that comes early (Event Grid keeps no order); and notice a
/// missing sequence, which <see cref="GapFiller"/> replays from Onboarding when Event Grid does not
/// bring it in time. <c>erased</c> means: forget the journey. A real consumer keeps this state (the
/// next sequence per journey, the ids taken) in its own database, in the same transaction as what it
/// does with an event; this sample keeps it in memory.
/// </summary>
public sealed class JourneyEventInbox(TimeProvider time)
{
    readonly Dictionary<string, Journey> journeys = new(StringComparer.Ordinal);
    readonly Lock sync = new();

    /// <summary>Takes one delivered (or replayed) event. Returns what it did with it.</summary>
    public Taken Take(CloudEvent cloudEvent)
    {
        string journeyId = cloudEvent.Subject ?? throw new ArgumentException("An Onboarding event names its journey in subject.", nameof(cloudEvent));
        int sequence = SequenceOf(cloudEvent);
        lock (sync)
        {
            Journey journey = journeys.TryGetValue(journeyId, out Journey? known) ? known : journeys[journeyId] = new Journey();
            if (journey.Erased || sequence < journey.Next || journey.Early.ContainsKey(sequence))
            {
                return Taken.Repeat; // the same id again (or an event of a journey that is gone)
            }

            if (sequence > journey.Next)
            {
                journey.Early[sequence] = cloudEvent;
                journey.GapSince ??= time.GetUtcNow();
                return Taken.HeldBack;
            }

            Apply(journey, cloudEvent);
            while (journey.Early.Remove(journey.Next, out CloudEvent? next))
            {
                Apply(journey, next);
            }

            journey.GapSince = journey.Early.Count > 0 ? time.GetUtcNow() : null;
            return Taken.Applied;
        }
    }

    /// <summary>Journeys with a sequence missing for longer than <paramref name="wait"/>, and the first sequence missing.</summary>
    public IReadOnlyList<(string JourneyId, int From)> GapsOlderThan(TimeSpan wait)
    {
        DateTimeOffset before = time.GetUtcNow() - wait;
        lock (sync)
        {
            return [.. journeys.Where(pair => pair.Value.GapSince <= before).Select(pair => (pair.Key, pair.Value.Next))];
        }
    }

    /// <summary>Onboarding no longer knows the journey (erased, or past its retention): forget it.</summary>
    public void Forget(string journeyId)
    {
        lock (sync)
        {
            journeys[journeyId] = new Journey { Erased = true };
        }
    }

    /// <summary>What this consumer did with a journey's events, in the order it applied them.</summary>
    public JourneyView? Find(string journeyId)
    {
        lock (sync)
        {
            return journeys.TryGetValue(journeyId, out Journey? journey)
                ? new JourneyView(journeyId, journey.Erased, journey.Next - 1, [.. journey.Applied], [.. journey.Early.Keys.Order()])
                : null;
        }
    }

    static void Apply(Journey journey, CloudEvent cloudEvent)
    {
        // The business of the consumer goes here (open the account on verified, close a case on cancelled, ...).
        journey.Next++;
        if (cloudEvent.Type == "onboarding.journey.erased")
        {
            journey.Applied.Clear(); // forget what we held of the person's journey
            journey.Erased = true;
            journey.Early.Clear();
        }

        journey.Applied.Add(new AppliedEvent(SequenceOf(cloudEvent), cloudEvent.Id, cloudEvent.Type));
    }

    static int SequenceOf(CloudEvent cloudEvent) =>
        cloudEvent.ExtensionAttributes.TryGetValue("sequence", out object? value) && int.TryParse(value as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int sequence) && sequence > 0
            ? sequence
            : throw new ArgumentException("An Onboarding event carries its sequence (a zero-padded number from 1).", nameof(cloudEvent));

    sealed class Journey
    {
        public int Next { get; set; } = 1;
        public bool Erased { get; set; }
        public DateTimeOffset? GapSince { get; set; }
        public Dictionary<int, CloudEvent> Early { get; } = [];
        public List<AppliedEvent> Applied { get; } = [];
    }
}

public enum Taken
{
    Applied,
    HeldBack,
    Repeat,
}

public sealed record AppliedEvent(int Sequence, string Id, string Type);

public sealed record JourneyView(string JourneyId, bool Erased, int LastApplied, IReadOnlyList<AppliedEvent> Applied, IReadOnlyList<int> HeldBack);
