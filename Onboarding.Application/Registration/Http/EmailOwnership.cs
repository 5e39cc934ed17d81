using Microsoft.DurableTask.Client;
using Onboarding.Application.Http;
using Onboarding.Application.JourneyClient;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Registration;

namespace Onboarding.Application.Registration.Http;

/// <summary>
/// Who may use an e-mail address. A start claims nothing and looks at nothing — several unconfirmed
/// journeys may name one address, so nobody can hold an address they cannot read, and the start answers
/// alike for every address (an address with an account, or confirmed by a running journey, gets no link:
/// its owner is told instead, <see cref="SendEmailLink"/>). The first journey to confirm the link claims
/// the address; the others are refused at their confirmation.
/// </summary>
public sealed class EmailOwnership(EmailClaims claims)
{
    /// <summary>At the confirmation: claims the address for <paramref name="journey"/>; false when an account or another running journey holds it.</summary>
    public async Task<bool> TryClaimAsync(DurableTaskClient durable, JourneyRecord journey, CancellationToken cancellationToken)
    {
        if (EmailAddress.TryParse(journey.Email, out EmailAddress? address, out _)
            && EmailClaims.LegacyKeyOf(address!) is var legacyKey && legacyKey != journey.EmailKey
            && await claims.FindAsync(legacyKey, cancellationToken) is { } legacy && legacy.JourneyId != journey.JourneyId
            && (legacy.AccountCreated || await IsActiveAsync(durable, legacy.JourneyId, cancellationToken)))
        {
            return false; // the earlier build's journey (or its account) holds it since its start
        }

        for (int attempt = 0; attempt < 3; attempt++)
        {
            EmailClaim? holder = await claims.TryClaimAsync(journey.EmailKey, journey.JourneyId, cancellationToken);
            if (holder is null)
            {
                return true;
            }

            if (holder.AccountCreated || await IsActiveAsync(durable, holder.JourneyId, cancellationToken))
            {
                return false;
            }

            if (await claims.TakeOverAsync(holder, journey.JourneyId, cancellationToken))
            {
                return true; // its journey ended without letting go (a crash before it released the address)
            }
        }

        return false;
    }

    /// <summary>Whether the journey holding a claim is still running.</summary>
    static async Task<bool> IsActiveAsync(DurableTaskClient durable, string journeyId, CancellationToken cancellationToken)
    {
        OrchestrationMetadata? instance = await durable.GetInstanceAsync(journeyId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return false;
        }

        // An ended journey may still be running its last activities (telling the user, releasing
        // the address): what it published decides.
        bool ended = JourneyProgressReader.Parse(instance.SerializedCustomStatus)?.Progress.Stage.IsFinal() == true;
        return !ended && instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;
    }
}
