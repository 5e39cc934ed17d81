using Onboarding.Application.Storage;

namespace Onboarding.Application.PersonalData;

/// <summary>
/// Activity of version-1 journeys, when one ends without a verified account (expired or cancelled),
/// after the user was told: removes the journey's personal data (<see cref="JourneyForgetter"/>) and
/// frees the e-mail address for a new journey. Version-2 journeys do the same in <see cref="FinishJourney"/>.
/// </summary>
public sealed class ReleaseRegistration(JourneyRecords journeys, JourneyForgetter forgetter)
{
    public async Task<bool> RunAsync(string journeyId, CancellationToken cancellationToken = default) =>
        await journeys.FindAsync(journeyId, cancellationToken) is { } journey // null once erased
        && await forgetter.ForgetAsync(journey, cancellationToken);
}
