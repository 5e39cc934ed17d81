using System.Security.Cryptography;
using Onboarding.Application.Inputs;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Verification;

/// <summary>
/// Activity: pays the cycle's micro-deposits (random 0.01–0.99 CNY each, from a CSPRNG) into the
/// cycle's bank details, keyed by journey and cycle so a re-run never pays twice, and returns only the
/// HMAC of the amounts. Journey version 3 names the bank details (their input's id and hash) and gets
/// exactly those paid; versions 1 and 2 get the cycle's input or, for details an earlier build saved to
/// the journey's row, the row's. A journey on version 2 or 3 has it tell the user too (the deposits-sent
/// notice, naming the account paid) and record the move to <c>awaitingDepositAmounts</c>.
/// </summary>
public sealed class SendDeposits(JourneyRecords journeys, JourneyInputStore inputs, IDepositGateway gateway, JourneySecrets secrets, AuditTrail audit, NotifyUser notify, ProgressRecorder recorder)
{
    public async Task<DepositsMade> RunAsync(DepositOrder order, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(order.JourneyId, cancellationToken);
        BankDetails? bank = order.Bank is { } bound
            ? (await inputs.LoadBankAsync(order.JourneyId, bound, cancellationToken))?.Bank
            : await inputs.BankOrRowAsync(journey, journeys, order.Cycle, cancellationToken);
        if (bank is null && order.Bank is not null)
        {
            return NothingPaid; // the input the event named is gone (the journey is being erased): version 3 starts no cycle
        }

        if (bank is null)
        {
            throw new InvalidOperationException("The journey holds no bank details for the cycle.");
        }
        string accountNumber = bank.AccountNumber.Digits;

        int[] amounts = Enumerable.Range(0, order.Count)
            .Select(_ => RandomNumberGenerator.GetInt32(DepositAmounts.MinFen, DepositAmounts.MaxFen + 1))
            .ToArray();
        var account = new BankAccount(bank.BankName, accountNumber, bank.HolderName);
        string reference = ReferenceOf(order);
        IReadOnlyList<int> paid = await gateway.PayOnceAsync(reference, account, amounts, cancellationToken);

        string masked = Onboarding.Domain.Registration.Masking.AccountNumber(accountNumber);
        await audit.AppendAsync(
            order.JourneyId,
            new DateTimeOffset(DateTime.SpecifyKind(order.OrderedAt, DateTimeKind.Utc)),
            $"deposits-{order.Cycle}",
            AuditEventTypes.DepositsSent,
            $"cycle {order.Cycle}: {paid.Count} deposit(s) to {masked} at {BankNames.Shown(bank.BankName)}, reference {reference}",
            cancellationToken);

        if (order.Record is { } record)
        {
            // The step that moved the journey on also records the move (the deposits are paid) and tells the user, naming the account paid.
            await recorder.RecordAsync(journey, record, cancellationToken);
            await notify.RunAsync(new Notice(order.JourneyId, NoticeKind.DepositsSent, $"deposits-sent-{order.Cycle}", record.Progress.Deadline, order.Count), cancellationToken, paidAccount: accountNumber);
        }

        string canonical = DepositAmounts.FromFen(paid).Canonical;
        return new DepositsMade(secrets.Hmac(SecretPurpose.DepositAmounts, order.JourneyId, canonical), masked);
    }

    /// <summary>What the step answers when it paid nothing: no amounts to match.</summary>
    public static readonly DepositsMade NothingPaid = new("", "");

    /// <summary>The payment reference on the user's statement: one per journey and cycle.</summary>
    public static string ReferenceOf(DepositOrder order) => ReferencePrefixOf(order.JourneyId) + order.Cycle;

    /// <summary>What every payment reference of the journey starts with.</summary>
    public static string ReferencePrefixOf(string journeyId) => $"ONB-{journeyId[..12].ToUpperInvariant()}-";
}
