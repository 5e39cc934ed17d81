using Onboarding.Application.Storage;

namespace Onboarding.Application.Messaging;

/// <summary>
/// One message the journey sends, so that an activity that runs again sends nothing twice.
/// Table <c>Deliveries</c>; PartitionKey = journey id, RowKey = the message's key ("phone-code-2").
/// </summary>
public sealed class DeliveryRecord : TableRow
{
    /// <summary>When the first attempt began; the provider's repeatability check needs it unchanged on retries.</summary>
    public DateTimeOffset FirstAttemptAt { get; set; }

    /// <summary>HMAC of the code or token the message carries, if any.</summary>
    public string? SecretHmac { get; set; }

    /// <summary>The code or token itself, only until the message is out (a re-run must resend the same one).</summary>
    public string? PendingSecret { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    /// <summary>The repeatability id the provider is sent (<see cref="Deliveries.RepeatabilityId"/>): which journey a provider's message is.</summary>
    public string? SendId { get; set; }
}
