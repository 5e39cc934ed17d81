namespace Onboarding.Tests.Corpus;

/// <summary>What a corpus case may be answered with.</summary>
public enum Expect
{
    /// <summary>A malformed request: a 4xx, never a 2xx or 5xx.</summary>
    Reject,

    /// <summary>Odd but possibly valid (a filter that matches nothing, a name with an emoji): anything but a 5xx.</summary>
    NoFault,
}

/// <summary>A journey the corpus knows: its id, journey token, contact data and an e-mail link token.</summary>
public sealed record KnownJourney(string Id, string Token, string Email, string Phone, string EmailToken);

/// <summary>
/// Who the corpus aims at. <see cref="Known"/> (waiting for its e-mail confirmation) and
/// <see cref="Other"/> (waiting for its phone code) must come out unchanged; <see cref="Spare"/>
/// (waiting for deposit amounts) takes the inputs that may be valid, so that they reach the
/// deepest checks without touching the journeys under watch.
/// </summary>
public sealed record CorpusTargets(
    KnownJourney Known,
    KnownJourney Other,
    KnownJourney Spare,
    string ReplayedEmailToken,
    string UnknownId,
    string OperatorKey)
{
    /// <summary>Every secret the corpus holds: no answer may contain one.</summary>
    public IEnumerable<string> Secrets =>
        new[] { Known.Token, Other.Token, Spare.Token, Known.EmailToken, Other.EmailToken, Spare.EmailToken, ReplayedEmailToken, OperatorKey }
            .Where(secret => secret.Length > 0);
}

/// <summary>One hostile request and what it may be answered with.</summary>
public sealed record CorpusCase(string OperationId, string Category, string Name, RawRequest Request, Expect Expect)
{
    /// <summary>The problem codes an answer from the application may carry (null: any).</summary>
    public IReadOnlyCollection<string>? Codes { get; init; }

    /// <summary>Cases of phase 1 run after every case of phase 0: they may end the spare journey.</summary>
    public int Phase { get; init; }

    /// <summary>Started first: the server waits seconds for a body that never comes.</summary>
    public bool Slow { get; init; }

    /// <summary>The query parameter ends up absent (empty, no value, sent twice): an unfiltered answer is the documented one.</summary>
    public bool Unfiltered { get; init; }

    public override string ToString() => $"[{Category}] {Name}: {Request}";
}

/// <summary>A case with the answer it got and, if it broke a rule, why.</summary>
public sealed record CorpusResult(CorpusCase Case, RawResponse Response, TimeSpan Elapsed, string? Failure)
{
    /// <summary>Answered by the HTTP server before the request reached the application (Kestrel's own 4xx without a body).</summary>
    public bool ServerLevel => Response.Status >= 400 && Response.Header("X-Content-Type-Options") is null;
}
