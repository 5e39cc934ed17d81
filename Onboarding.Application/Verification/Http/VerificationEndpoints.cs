using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
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
    JourneySecrets secrets,
    BankAccountOwners owners,
    LookupKeys keys,
    RequestLimits limits,
    JourneyMetrics metrics)
{
    public Task<IResult> RequestVerificationAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        VerificationRequest body = await RequestBody.ReadJsonAsync<VerificationRequest>(request);
        var errors = new ValidationErrors();
        BankDetails bank = BankDetails.TryCreate(body.IdentityType, body.BankName, body.BankAccountNumber, body.AccountHolderName, errors)
            ?? throw Problems.Validation(errors);

        JourneyProgress before = await inputs.RequireAcceptedAsync(request, durable, record, VerificationRequested.Kind);
        if (records.ProfileOf(record) is not { } profile || !bank.HeldBy(profile))
        {
            throw Problems.HolderNameMismatch();
        }

        // Across journeys: an account verified for someone else is theirs; and each account gets only
        // so many deposit cycles, however many journeys ask, so that guessing its deposits stays hopeless.
        string accountKey = owners.KeyOf(bank.AccountNumber.Digits);
        if (await owners.OwnerOfAsync(accountKey, request.HttpContext.RequestAborted) is { } owner && owner != PersonKey.Of(keys, profile.Nationality, profile.PassportNumber))
        {
            metrics.Refused("bank-account-in-use");
            throw Problems.BankAccountInUse();
        }

        await limits.TakeDepositCycleAsync(record, accountKey, before.NextCycle, request.HttpContext.RequestAborted);

        // The deposits go to the account in the row: of two requests at once, only the first may set it.
        if (!await records.TrySaveBankAccountAsync(record, bank.BankName, bank.AccountNumber.Digits, bank.HolderName, request.HttpContext.RequestAborted))
        {
            throw Problems.StageMismatch(before.Stage);
        }

        return await inputs.ApplyAsync(request, durable, record, before, new VerificationRequested(before.NextCycle, bank.AccountNumber.Masked));
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
