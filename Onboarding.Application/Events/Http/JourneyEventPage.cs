using System.Text.Json;

namespace Onboarding.Application.Events.Http;

/// <summary>
/// The answer of the replay: up to 100 events from the asked sequence, in order, and the journey's
/// newest sequence so far (ask again from the last one + 1 while it is higher).
/// </summary>
public sealed record JourneyEventPage(string JourneyId, int LastSequence, IReadOnlyList<JsonElement> Events);
