using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;
using Onboarding.Application.Journeys;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Journeys;
using Onboarding.Domain.Validation;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Http.Verification;

/// <summary>The verification half's input routes: bank details, then the deposit amounts.</summary>
public sealed class VerificationEndpoints(
    ApiCall api,
    JourneyAccess access,
    JourneyInputs inputs,
    JourneyRecords records,
    JourneySecrets secrets)
{
    const int MaxBankNameLength = 100;
    const int MaxHolderNameLength = 200;

    public Task<IResult> RequestVerificationAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        VerificationRequest body = await RequestBody.ReadJsonAsync<VerificationRequest>(request);

        var errors = new ValidationErrors();
        if (body.IdentityType != "foreigner")
        {
            errors.Add("identityType", "Must be \"foreigner\": this verification is for foreign residents.");
        }

        string? bankName = TextRules.Clean(body.BankName);
        if (string.IsNullOrEmpty(bankName) || bankName.Length > MaxBankNameLength)
        {
            errors.Add("bankName", $"The bank's name is required (at most {MaxBankNameLength} characters).");
        }

        if (!BankAccountNumber.TryParse(body.BankAccountNumber, out BankAccountNumber? account, out string? accountError))
        {
            errors.Add("bankAccountNumber", accountError!);
        }

        string? holder = TextRules.Clean(body.AccountHolderName);
        if (string.IsNullOrEmpty(holder) || holder.Length > MaxHolderNameLength || !holder.EnumerateRunes().Any(System.Text.Rune.IsLetter))
        {
            errors.Add("accountHolderName", $"The account holder's name is required (at most {MaxHolderNameLength} characters).");
        }

        if (!errors.IsEmpty)
        {
            throw Problems.Validation(errors);
        }

        JourneyProgress before = await inputs.RequireStageAsync(request, durable, record, JourneyStage.Registered);
        if (before.Verification is { CyclesRemaining: <= 0 })
        {
            throw Problems.StageMismatch(before.Stage);
        }

        if (record.GivenName is null || record.FamilyName is null || !HolderName.Matches(holder!, record.GivenName, record.FamilyName))
        {
            throw Problems.HolderNameMismatch();
        }

        await records.SaveBankAccountAsync(journeyId, bankName!, account!.Digits, holder!, request.HttpContext.RequestAborted);
        int cycle = (before.Verification?.Cycle ?? 0) + 1;
        return await inputs.ApplyAsync(request, durable, record, before, JourneyEvents.VerificationRequested, new VerificationRequested(cycle));
    });

    public Task<IResult> SubmitDepositAmountsAsync(HttpRequest request, string journeyId, DurableTaskClient durable) => api.RunAsync(request, async () =>
    {
        JourneyRecord record = await access.AuthenticateAsync(request, journeyId);
        DepositAmountsRequest body = await RequestBody.ReadJsonAsync<DepositAmountsRequest>(request);
        if (body.Amounts is null)
        {
            throw Problems.Validation("amounts", "The amounts you received are required.");
        }

        JourneyProgress before = await inputs.RequireStageAsync(request, durable, record, JourneyStage.AwaitingDepositAmounts);
        VerificationProgress verification = before.Verification!;
        if (!DepositAmounts.TryParse(body.Amounts, verification.DepositCount, out DepositAmounts? amounts, out string? error))
        {
            throw Problems.Validation("amounts", error!);
        }

        var entered = new DepositAmountsEntered(verification.Cycle, secrets.Candidates(SecretPurpose.DepositAmounts, journeyId, amounts!.Canonical));
        return await inputs.ApplyAsync(request, durable, record, before, JourneyEvents.DepositAmountsEntered, entered);
    });
}
