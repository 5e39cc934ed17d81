namespace Onboarding.LocalHost.EventGrid;

/// <summary>Section <c>LocalEventGrid</c>: the local host's stand-in of an Event Grid topic.</summary>
public sealed class LocalEventGridOptions
{
    public const string SectionName = "LocalEventGrid";

    public bool Enabled { get; set; } = true;

    /// <summary>The topic key publishers send as <c>aeg-sas-key</c> (Events:AccessKey of the publishing app).</summary>
    public string AccessKey { get; set; } = "";

    /// <summary>Webhook subscribers the topic delivers each event to (CloudEvents 1.0, with the abuse-protection handshake).</summary>
    public List<string> Subscribers { get; set; } = [];

    /// <summary>
    /// The pauses before each new try of a delivery that failed; then it is dropped (dead-lettered).
    /// Event Grid's own schedule begins 10 s, 30 s, 1 min, 5 min, 10 min, 30 min, 1 h (README "Events").
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    public static readonly TimeSpan[] EventGridSchedule =
        [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(30), TimeSpan.FromHours(1)];

    public IReadOnlyList<TimeSpan> Schedule => RetryDelays.Count > 0 ? RetryDelays : EventGridSchedule;
}
