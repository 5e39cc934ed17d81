using Onboarding.Application.Storage;

namespace Onboarding.Development;

/// <summary>
/// A message the local ACS endpoint accepted. Table <c>DevOutbox</c>; PartitionKey = recipient
/// (e-mail address or E.164 number), RowKey = the request's repeatability id, so a repeated
/// send is recorded once; <see cref="JourneyId"/> the journey whose message it is (an erase deletes by it).
/// </summary>
public sealed class OutboxMessage : TableRow
{
    public string Channel { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SentAt { get; set; }
    public string? JourneyId { get; set; }
}

public sealed record OutboxMessageView(string Id, string Channel, string To, string? Subject, string Text, DateTime SentAt);
