using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Http;

namespace Onboarding.Application.Journeys.Http;

/// <summary>
/// The event streams open on this instance. A client (its address, or each of its IPv6 networks with
/// its share) holds at most <c>Limits:StreamsPerClient</c> at once — one more is refused — and a journey
/// at most <c>Limits:StreamsPerJourney</c>: a new one closes the oldest, so the newest tab of a person
/// always streams and one token cannot hold the host's connections. Each stream holds a connection and
/// a poll of its own, so the bound is this instance's, in its memory.
/// </summary>
public sealed class OpenStreams(IOptions<LimitsOptions> options)
{
    readonly Lock gate = new();
    readonly Dictionary<string, int> byClient = new(StringComparer.Ordinal);
    readonly Dictionary<string, LinkedList<Slot>> byJourney = new(StringComparer.Ordinal);

    /// <summary>A place for one more stream of this client, or null when it holds as many as it may.</summary>
    public Slot? Reserve(IReadOnlyList<ClientNetwork> client)
    {
        int perClient = options.Value.StreamsPerClient;
        lock (gate)
        {
            if (client.Any(network => byClient.GetValueOrDefault(network.Key) >= perClient * network.Share))
            {
                return null;
            }

            foreach (ClientNetwork network in client)
            {
                byClient[network.Key] = byClient.GetValueOrDefault(network.Key) + 1;
            }

            return new Slot(this, client);
        }
    }

    /// <summary>How many streams of the journey are open here (for tests and the report).</summary>
    public int OpenFor(string journeyId)
    {
        lock (gate)
        {
            return byJourney.TryGetValue(journeyId, out LinkedList<Slot>? streams) ? streams.Count : 0;
        }
    }

    void Join(Slot stream, string journeyId)
    {
        var closing = new List<Slot>();
        lock (gate)
        {
            if (!byJourney.TryGetValue(journeyId, out LinkedList<Slot>? streams))
            {
                byJourney[journeyId] = streams = new LinkedList<Slot>();
            }

            stream.Node = streams.AddLast(stream);
            stream.JourneyId = journeyId;
            while (streams.Count > options.Value.StreamsPerJourney && streams.First is { } oldest)
            {
                streams.Remove(oldest);
                oldest.Value.Node = null;
                closing.Add(oldest.Value);
            }
        }

        // Outside the lock: a cancellation runs the closed stream's continuations, which leave.
        closing.ForEach(replaced => replaced.Close());
    }

    void Leave(Slot stream)
    {
        lock (gate)
        {
            foreach (ClientNetwork network in stream.Client)
            {
                if (byClient.TryGetValue(network.Key, out int count) && count > 1)
                {
                    byClient[network.Key] = count - 1;
                }
                else
                {
                    byClient.Remove(network.Key);
                }
            }

            if (stream.Node is { List: { } streams } node)
            {
                streams.Remove(node);
                if (streams.Count == 0)
                {
                    byJourney.Remove(stream.JourneyId!);
                }
            }

            stream.Node = null;
        }
    }

    /// <summary>One stream's place: <see cref="Closed"/> fires when a newer stream of its journey replaced it.</summary>
    public sealed class Slot : IDisposable
    {
        readonly OpenStreams owner;
        readonly CancellationTokenSource closed = new();
        int disposed;

        internal Slot(OpenStreams owner, IReadOnlyList<ClientNetwork> client)
        {
            this.owner = owner;
            Client = client;
        }

        internal IReadOnlyList<ClientNetwork> Client { get; }

        internal LinkedListNode<Slot>? Node { get; set; }

        internal string? JourneyId { get; set; }

        public CancellationToken Closed => closed.Token;

        /// <summary>The stream now streams the journey: beyond the journey's number, its oldest stream closes.</summary>
        public void Open(string journeyId) => owner.Join(this, journeyId);

        internal void Close()
        {
            try
            {
                closed.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // it ended meanwhile
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(this);
                closed.Dispose();
            }
        }
    }
}
