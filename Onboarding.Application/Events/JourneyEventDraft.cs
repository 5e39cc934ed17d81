using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Application.Contract;
using Onboarding.Domain.Journeys;

namespace Onboarding.Application.Events;

/// <summary>
/// An event before the journey's log gives it its sequence. <paramref name="Key"/> is the same
/// however often the step that records it runs (the status version of a stage change), so a repeat finds the first.
/// </summary>
public sealed record JourneyEventDraft(string JourneyId, string Key, string Type, DateTimeOffset Time, string Data, string? TraceParent)
{
    /// <summary>The id consumers see: the journey and the key, so a repeated step publishes the same id.</summary>
    public string Id => $"{JourneyId}-{Key}";

    /// <summary>
    /// A stage change, with the status as the status route and the event stream show it at that version
    /// (the same type and serializer). Its time is the change's, in whole seconds like the status's <c>updatedAt</c>.
    /// </summary>
    public static JourneyEventDraft StageChanged(JourneyStatusView status, JourneyStage? previous, JourneyProgress progress)
    {
        string type = JourneyEventTypes.Of(previous, progress);
        JsonObject data = JsonSerializer.SerializeToNode(status, typeof(JourneyStatusView), ApiJson.Options)!.AsObject();
        if (type == JourneyEventTypes.Verified)
        {
            data["accountId"] = status.JourneyId; // the account is keyed by the journey that opened it
        }

        return new JourneyEventDraft(status.JourneyId, $"v{progress.Version}", type, WholeSeconds(progress.UpdatedAt), data.ToJsonString(ApiJson.Options), CurrentTraceParent());
    }

    /// <summary>The last event of an erased journey: nothing but when.</summary>
    public static JourneyEventDraft Erased(string journeyId, DateTimeOffset at)
    {
        var data = new JsonObject { ["journeyId"] = journeyId, ["erasedAt"] = WholeSeconds(at.UtcDateTime).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture) };
        return new JourneyEventDraft(journeyId, "erased", JourneyEventTypes.Erased, WholeSeconds(at.UtcDateTime), data.ToJsonString(ApiJson.Options), CurrentTraceParent());
    }

    static DateTimeOffset WholeSeconds(DateTime at)
    {
        DateTime utc = DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }

    static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;
}
