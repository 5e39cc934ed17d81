using System.ComponentModel.DataAnnotations;

namespace Onboarding.Application.Configuration;

/// <summary>Section <c>Events</c>: where the journey's CloudEvents are published (an Event Grid topic), and how.</summary>
public sealed class EventsOptions : IValidatableObject
{
    public const string SectionName = "Events";

    /// <summary>The topic's endpoint, the whole URL: <c>https://&lt;topic&gt;.&lt;region&gt;-1.eventgrid.azure.net/api/events</c>.</summary>
    [Required]
    public string TopicEndpoint { get; set; } = "";

    /// <summary>A topic access key (the local host's stand-in). Empty: the app's managed identity, which needs "EventGrid Data Sender" and https.</summary>
    public string? AccessKey { get; set; }

    public string? ManagedIdentityClientId { get; set; }

    /// <summary>The CloudEvents <c>source</c> of every event, followed by <c>/&lt;journey id&gt;</c> (the scope of its <c>sequence</c>).</summary>
    [Required]
    public string Source { get; set; } = "/onboarding/journeys";

    /// <summary>The longest a publish waits for the topic; then the events wait for the relay.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>After a publish failed, how long the steps of any journey leave publishing to the relay (they neither wait for a topic that is down nor hammer it).</summary>
    public TimeSpan PauseAfterFailure { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Local host: how often the relay publishes what is pending. On Azure its timer trigger runs every minute.</summary>
    public TimeSpan RelayInterval { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(TopicEndpoint, UriKind.Absolute, out Uri? endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("Events:TopicEndpoint must be the topic's absolute URL (https://<topic>.<region>-1.eventgrid.azure.net/api/events).", [nameof(TopicEndpoint)]);
        }
        else if (string.IsNullOrEmpty(AccessKey) && endpoint.Scheme != "https")
        {
            yield return new ValidationResult("Events:TopicEndpoint must be https when the managed identity publishes (Azure.Core sends a bearer token over TLS only); give Events:AccessKey for an http stand-in.", [nameof(TopicEndpoint)]);
        }

        if (!Uri.TryCreate(Source, UriKind.RelativeOrAbsolute, out _) || Source.EndsWith('/'))
        {
            yield return new ValidationResult("Events:Source must be a URI reference without a trailing slash.", [nameof(Source)]);
        }

        foreach ((string name, TimeSpan value) in new[] { (nameof(PublishTimeout), PublishTimeout), (nameof(PauseAfterFailure), PauseAfterFailure), (nameof(RelayInterval), RelayInterval) })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return new ValidationResult($"Events:{name} must be positive.", [name]);
            }
        }
    }
}
