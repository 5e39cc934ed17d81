namespace Onboarding.Application.Events;

/// <summary>What a publish met.</summary>
public enum PublishOutcome
{
    /// <summary>The topic took every event.</summary>
    Published,

    /// <summary>No answer, a throttle or a server error: the topic is down or busy, so is every other journey's publish.</summary>
    Unavailable,

    /// <summary>The topic answered that it will not take these events (a 4xx): this journey's problem, not the others'.</summary>
    Refused,
}
