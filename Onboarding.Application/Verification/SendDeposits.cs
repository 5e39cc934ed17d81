using System.Security.Cryptography;
using Onboarding.Application.Orchestration;
using Onboarding.Application.Messaging;
using Onboarding.Application.Operators;
using Onboarding.Application.Security;
using Onboarding.Application.Storage;
using Onboarding.Domain.Verification;

namespace Onboarding.Application.Verification;

/// <summary>
/// Activity: pays the cycle's micro-deposits (random 0.01–0.99 CNY each, from a CSPRNG) into
/// the account in the journey's row, keyed by journey and cycle so a re-run never pays twice,
/// and returns only the HMAC of the amounts. A journey on version 2 has it tell the user too (the
/// deposits-sent notice) and record the move to <c>awaitingDepositAmounts</c>.
/// </summary>
public sealed class SendDeposits(JourneyRecords journeys, IDepositGateway gateway, JourneySecrets secrets, AuditTrail audit, NotifyUser notify, ProgressRecorder recorder)
{
    public async Task<DepositsMade> RunAsync(DepositOrder order, CancellationToken cancellationToken = default)
    {
        JourneyRecord journey = await journeys.GetAsync(order.JourneyId, cancellationToken);
        string? accountNumber = journeys.BankAccountNumberOf(journey);
        string? holderName = journeys.AccountHolderNameOf(journey);
        if (accountNumber is null || journey.BankName is null || holderName is null)
        {
            throw new InvalidOperationException("The journey's row holds no bank account.");
        }

        int[] amounts = Enumerable.Range(0, order.Count)
            .Select(_ => RandomNumberGenerator.GetInt32(DepositAmounts.MinFen, DepositAmounts.MaxFen + 1))
            .ToArray();
        var account = new BankAccount(journey.BankName, accountNumber, holderName);
        string reference = ReferenceOf(order);
        IReadOnlyList<int> paid = await gateway.PayOnceAsync(reference, account, amounts, cancellationToken);

        string masked = Onboarding.Domain.Registration.Masking.AccountNumber(accountNumber);
        await audit.AppendAsync(
            order.JourneyId,
            new DateTimeOffset(DateTime.SpecifyKind(order.OrderedAt, DateTimeKind.Utc)),
            $"deposits-{order.Cycle}",
            AuditEventTypes.DepositsSent,
            $"cycle {order.Cycle}: {paid.Count} deposit(s) to {masked} at {BankNames.Shown(journey.BankName)}, reference {reference}",
            cancellationToken);

        if (order.Record is { } record)
        {
            // The step that moved the journey on also records the move (the deposits are paid) and tells the user.
            await recorder.RecordAsync(journey, record, cancellationToken);
            await notify.RunAsync(new Notice(order.JourneyId, NoticeKind.DepositsSent, $"deposits-sent-{order.Cycle}", record.Progress.Deadline, order.Count), cancellationToken);
        }

        string canonical = DepositAmounts.FromFen(paid).Canonical;
        return new DepositsMade(secrets.Hmac(SecretPurpose.DepositAmounts, order.JourneyId, canonical), masked);
    }

    /// <summary>The payment reference on the user's statement: one per journey and cycle.</summary>
    public static string ReferenceOf(DepositOrder order) => ReferencePrefixOf(order.JourneyId) + order.Cycle;

    /// <summary>What every payment reference of the journey starts with.</summary>
    public static string ReferencePrefixOf(string journeyId) => $"ONB-{journeyId[..12].ToUpperInvariant()}-";
}
