using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Onboarding.Application.Configuration;
using Onboarding.Application.Inputs;
using Onboarding.Application.Limits;
using Onboarding.Application.Http;
using Onboarding.Application.Operators;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Validation;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Verification.Http;

/// <summary>The verification half's input routes: bank details, then the deposit amounts.</summary>
public sealed class VerificationEndpoints(
    ApiCall api,
    JourneyAccess access,
    JourneyInputRoutes inputs,
    JourneyRecords records,
    JourneyInputStore store,
    JourneySecrets secrets,
    BankAccountOwners owners,
    LookupKeys keys,
    RequestLimits limits,
    JourneyMetrics metrics,
    IOptions<JourneyOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Bank details for the next cycle, taken once: stored as the cycle's input (a conditional insert)
    /// before its event names it. Other details for a cycle that has some are refused before anything is
    /// counted or written (<c>409 input-already-submitted</c>, and the stored ones delivered again); the same
    /// again are the same input. The holder must be the person of the profile the journey accepted; the
    /// account must not be verified for, or reserved by, another person (<c>409 bank-account-in-use</c>).
    /// Just before the insert the account is reserved for the person while the cycle runs and the cycle's
    /// limits are taken; both are given back if another request's details were stored first. A stored input
    /// is never taken back, so whatever raised it stands.
    /// </summary>
    public Task<IResult> RequestVerificationAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId, countInput: false);
        VerificationRequest body = await RequestBody.ReadJsonAsync<VerificationRequest>(request);
        var errors = new ValidationErrors();
        BankDetails bank = BankDetails.TryCreate(body.IdentityType, body.BankName, body.BankAccountNumber, body.AccountHolderName, errors)
            ?? throw Problems.Validation(errors);

        CancellationToken aborted = request.HttpContext.RequestAborted;
        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, VerificationRequested.Kind);
        int cycle = before.NextCycle;
        if (await store.ProfileOrRowAsync(record, records, aborted) is not { } profile || !bank.HeldBy(profile))
        {
            throw Problems.HolderNameMismatch();
        }

        string person = PersonKey.Of(keys, profile.Nationality, profile.PassportNumber);
        if (await store.FindBankAsync(journeyId, cycle, aborted) is { } earlier)
        {
            return await ApplyAgainAsync(earlier, earlier.Holds(bank, person));
        }

        await limits.TakeInputAsync(record, aborted);

        // Across journeys: an account verified for someone else is theirs (one verified meanwhile is refused when this cycle completes).
        string accountKey = owners.KeyOf(bank.AccountNumber.Digits);
        if (await owners.OwnerOfAsync(accountKey, aborted) is { } owner && owner != person)
        {
            metrics.Refused("bank-account-in-use");
            throw Problems.BankAccountInUse();
        }

        // The account is this person's while the cycle runs (a little longer than its window: the window starts once the deposits are out).
        DateTimeOffset lapses = time.GetUtcNow() + options.Value.DepositWindow + TimeSpan.FromHours(1);
        BankAccountOwners.Reservation reservation = await owners.TryClaimAsync(accountKey, person, journeyId, lapses, aborted);
        if (reservation == BankAccountOwners.Reservation.Refused)
        {
            metrics.Refused("bank-account-in-use");
            throw Problems.BankAccountInUse();
        }

        // Each account gets only so many deposit cycles, however many journeys ask, so that guessing its deposits stays hopeless.
        IReadOnlyList<LimitTake.Taken> taken;
        try
        {
            taken = await limits.TakeDepositCycleAsync(record, accountKey, person, cycle, aborted);
        }
        catch (ApiProblem)
        {
            await ReleaseAsync();
            throw;
        }

        JourneyInputStore.Added<JourneyInputStore.StoredBank> added = await store.AddBankAsync(journeyId, cycle, bank, person, aborted);
        if (!added.New)
        {
            // Another request stored the cycle's details first: this one charges nothing and reserves nothing.
            await limits.GiveBackAsync(taken);
            if (added.Stored.Bank.AccountNumber.Digits != bank.AccountNumber.Digits)
            {
                await ReleaseAsync();
            }

            return await ApplyAgainAsync(added.Stored, added.SameContent);
        }

        if (await access.FindAsync(journeyId, aborted) is null)
        {
            // An erase began meanwhile: it marks the row before it deletes, so what it may have missed is this input.
            await store.WithdrawAsync(journeyId, added.Stored.Input, CancellationToken.None);
            throw Problems.JourneyNotFound();
        }

        return await inputs.ApplyAsync(request, durable, record, before, new VerificationRequested(cycle, bank.AccountNumber.Masked) { Bound = added.Stored.Input });

        async Task ReleaseAsync()
        {
            if (reservation == BankAccountOwners.Reservation.Taken)
            {
                await owners.ReleaseClaimAsync(accountKey, person, journeyId, CancellationToken.None);
            }
        }

        Task<IResult> ApplyAgainAsync(JourneyInputStore.StoredBank stored, bool same)
        {
            var again = new VerificationRequested(cycle, stored.Bank.AccountNumber.Masked) { Bound = stored.Input };
            return same ? inputs.ApplyAsync(request, durable, record, before, again) : inputs.RefuseForStoredAsync(request, durable, record, again, "bank details");
        }
    });

    public Task<IResult> SubmitDepositAmountsAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        DepositAmountsRequest body = await RequestBody.ReadJsonAsync<DepositAmountsRequest>(request);
        if (body.Amounts is null)
        {
            throw Problems.Validation("amounts", "The amounts you received are required.");
        }

        if (!DepositAmounts.TryParse(body.Amounts, out DepositAmounts? amounts, out string? error))
        {
            throw Problems.Validation("amounts", error!);
        }

        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, DepositAmountsEntered.Kind);
        VerificationProgress verification = before.Verification!;
        if (amounts!.CountError(verification.DepositCount) is { } countError)
        {
            throw Problems.Validation("amounts", countError);
        }

        var entered = new DepositAmountsEntered(verification.Cycle, secrets.Candidates(SecretPurpose.DepositAmounts, journeyId, amounts.Canonical));
        return await inputs.ApplyAsync(request, durable, record, before, entered);
    });
}
