namespace Onboarding.EventConsumer;

/// <summary>Section <c>Consumer</c>: where Onboarding's replay is, and how long a gap may wait for Event Grid's own retries.</summary>
public sealed class ConsumerOptions
{
    public const string SectionName = "Consumer";

    /// <summary>Onboarding's base URL, e.g. <c>https://&lt;app&gt;.azurewebsites.net</c>.</summary>
    public string OnboardingUrl { get; set; } = "http://127.0.0.1:7071";

    /// <summary>
    /// The operator key the replay route takes as <c>x-functions-key</c>. On Azure, give the consumer's
    /// identity the operator app role and send its bearer token instead.
    /// </summary>
    public string OperatorKey { get; set; } = "";

    /// <summary>
    /// How long a missing sequence may stay missing before the consumer replays it: Event Grid may still
    /// be retrying it (10 s, 30 s, 1 min, 5 min, ... up to 24 h). The default covers its first retries.
    /// </summary>
    public TimeSpan GapWait { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often gaps are looked at.</summary>
    public TimeSpan GapCheckInterval { get; set; } = TimeSpan.FromSeconds(10);
}
