namespace Onboarding.Domain.Journeys;

/// <summary>
/// The journey's rules as a state machine: every input and every passing window goes through
/// one guarded method here, and each applied change moves <see cref="JourneyProgress.Version"/>
/// by one so that callers can tell when their input has been applied. Pure and deterministic
/// (time comes in as an argument), so the orchestrator can replay it.
/// </summary>
public sealed class Journey
{
    readonly JourneyPolicy policy;
    JourneyStage stage = JourneyStage.AwaitingPhoneCode;
    DateTime? deadline;
    int? attemptsRemaining;
    int? resendsRemaining;
    bool challengeExpired;
    string? lastErrorCode;
    DateTime updatedAt;
    int version;
    int cyclesRemaining;
    int cyclesStarted;
    VerificationOutcome? lastOutcome;
    string? bankAccount;

    Journey(JourneyPolicy policy, DateTime now)
    {
        this.policy = policy;
        resendsRemaining = policy.MaxResends;
        attemptsRemaining = policy.MaxCodeAttempts;
        cyclesRemaining = policy.MaxVerificationCycles;
        updatedAt = now;
    }

    public static Journey Begin(JourneyPolicy policy, DateTime now) => new(policy, now);

    /// <summary>The journey a <see cref="Snapshot"/> was taken of, under the same policy.</summary>
    public static Journey Restore(JourneyPolicy policy, JourneySnapshot snapshot) => new(policy, snapshot.UpdatedAt)
    {
        stage = snapshot.Stage,
        deadline = snapshot.Deadline,
        attemptsRemaining = snapshot.AttemptsRemaining,
        resendsRemaining = snapshot.ResendsRemaining,
        challengeExpired = snapshot.ChallengeExpired,
        lastErrorCode = snapshot.LastErrorCode,
        version = snapshot.Version,
        cyclesRemaining = snapshot.CyclesRemaining,
        cyclesStarted = snapshot.CyclesStarted,
        lastOutcome = snapshot.LastOutcome,
        bankAccount = snapshot.BankAccount,
    };

    public JourneySnapshot Snapshot() => new(
        stage, deadline, attemptsRemaining, resendsRemaining, challengeExpired, lastErrorCode, updatedAt, version,
        cyclesRemaining, cyclesStarted, lastOutcome, bankAccount);

    public JourneyStage Stage => stage;

    public DateTime? Deadline => deadline;

    /// <summary>The number of the next (or current) verification cycle, from 1.</summary>
    public int VerificationCycle => stage == JourneyStage.AwaitingDepositAmounts ? cyclesStarted : cyclesStarted + 1;

    /// <summary>When to remind the user of the deposits, if a reminder is due in this stage.</summary>
    public DateTime? DepositReminderAt =>
        stage == JourneyStage.AwaitingDepositAmounts && deadline is { } due && policy.DepositReminderBefore > TimeSpan.Zero
            ? due - policy.DepositReminderBefore
            : null;

    public JourneyProgress Progress => new(
        stage,
        deadline,
        attemptsRemaining,
        resendsRemaining,
        cyclesStarted > 0 ? new VerificationProgress(cyclesStarted, cyclesRemaining, policy.DepositCount, lastOutcome, bankAccount) : null,
        lastErrorCode,
        updatedAt,
        version,
        challengeExpired);

    /// <summary>Whether the journey takes an input of <paramref name="kind"/> now: the same verdict the routes get from the published progress.</summary>
    public InputVerdict Accepts(InputKind kind, DateTime now) => Progress.Accepts(kind, now);

    bool InChallenge => stage is JourneyStage.AwaitingPhoneCode or JourneyStage.AwaitingEmailConfirmation;

    /// <summary>How long the phone code or e-mail link of this stage stays valid.</summary>
    public TimeSpan ChallengeValidity =>
        stage == JourneyStage.AwaitingPhoneCode ? policy.PhoneCodeValidity : policy.EmailLinkValidity;

    /// <summary>A phone code or e-mail link was delivered: its validity starts now.</summary>
    public void ChallengeSent(DateTime now)
    {
        Require(InChallenge, nameof(ChallengeSent));
        deadline = now + ChallengeValidity;
        challengeExpired = false;
        attemptsRemaining = stage == JourneyStage.AwaitingPhoneCode ? policy.MaxCodeAttempts : null;
        lastErrorCode = null;
        Touch(now);
    }

    /// <summary>
    /// The user asks for a new code or link. True when one may be sent (the caller then sends it
    /// and reports <see cref="ChallengeSent"/>); false when the resends are used up.
    /// </summary>
    public bool TryTakeResend(DateTime now)
    {
        Require(InChallenge, nameof(TryTakeResend));
        if (Accepts(stage == JourneyStage.AwaitingPhoneCode ? InputKind.PhoneCodeResend : InputKind.EmailLinkResend, now).IsAccepted)
        {
            resendsRemaining--;
            return true;
        }

        Touch(now);
        return false;
    }

    public InputResult SubmitPhoneCode(bool matches, DateTime now)
    {
        Require(stage == JourneyStage.AwaitingPhoneCode, nameof(SubmitPhoneCode));
        if (challengeExpired)
        {
            return Reject(JourneyErrorCodes.CodeExpired, now);
        }

        if (attemptsRemaining == 0)
        {
            return Reject(JourneyErrorCodes.WrongCode, now);
        }

        if (matches)
        {
            EnterChallenge(JourneyStage.AwaitingEmailConfirmation, now);
            return InputResult.Passed;
        }

        attemptsRemaining--;
        if (attemptsRemaining == 0 && resendsRemaining == 0)
        {
            End(JourneyStage.Expired, now, JourneyErrorCodes.WrongCode);
            return InputResult.Ended;
        }

        return Reject(JourneyErrorCodes.WrongCode, now);
    }

    public InputResult ConfirmEmail(bool matches, DateTime now)
    {
        Require(stage == JourneyStage.AwaitingEmailConfirmation, nameof(ConfirmEmail));
        if (challengeExpired)
        {
            return Reject(JourneyErrorCodes.CodeExpired, now);
        }

        if (!matches)
        {
            // Link tokens are 256-bit: a wrong one is a stale link, not a guess worth counting.
            Touch(now);
            return InputResult.Rejected;
        }

        stage = JourneyStage.AwaitingProfile;
        deadline = now + policy.ProfileWindow;
        attemptsRemaining = null;
        resendsRemaining = null;
        lastErrorCode = null;
        Touch(now);
        return InputResult.Passed;
    }

    /// <summary>The account row exists and the welcome message went out.</summary>
    public void Registered(DateTime now)
    {
        Require(stage == JourneyStage.AwaitingProfile, nameof(Registered));
        stage = JourneyStage.Registered;
        deadline = null;
        lastErrorCode = null;
        Touch(now);
    }

    /// <summary>
    /// The stage's deadline passed. A phone code or e-mail link that expires while resends
    /// remain leaves the stage open for one more validity period so the user can ask for a
    /// new one (<c>code-expired</c>); otherwise the journey expires. A deposit window that
    /// passes ends the verification cycle.
    /// </summary>
    public void DeadlinePassed(DateTime now)
    {
        if (InChallenge)
        {
            if (!challengeExpired && resendsRemaining > 0)
            {
                challengeExpired = true;
                attemptsRemaining = stage == JourneyStage.AwaitingPhoneCode ? 0 : null;
                deadline = now + ChallengeValidity;
                lastErrorCode = JourneyErrorCodes.CodeExpired;
                Touch(now);
                return;
            }

            End(JourneyStage.Expired, now, challengeExpired ? JourneyErrorCodes.CodeExpired : lastErrorCode);
            return;
        }

        switch (stage)
        {
            case JourneyStage.AwaitingProfile:
                End(JourneyStage.Expired, now, lastErrorCode);
                return;
            case JourneyStage.AwaitingDepositAmounts:
                EndCycle(VerificationOutcome.Expired, now);
                return;
            default:
                throw new JourneyRuleException(stage, nameof(DeadlinePassed));
        }
    }

    /// <summary>The user (or an operator) ends the journey: in every stage that is not final, <c>registered</c> and <c>locked</c> too.</summary>
    public void Cancel(DateTime now)
    {
        Require(Accepts(InputKind.Cancellation, now).IsAccepted, nameof(Cancel));
        End(JourneyStage.Cancelled, now, lastErrorCode: null);
    }

    /// <summary>An input arrived that the journey could not use (stale or duplicate); nothing changes but the version.</summary>
    public void InputIgnored(DateTime now) => Touch(now);

    /// <summary>The deposits of a new cycle were sent to the account ending as <paramref name="maskedAccount"/>.</summary>
    public void DepositsSent(string maskedAccount, DateTime now)
    {
        Require(Accepts(InputKind.Verification, now).IsAccepted, nameof(DepositsSent));
        cyclesStarted++;
        bankAccount = maskedAccount;
        stage = JourneyStage.AwaitingDepositAmounts;
        deadline = now + policy.DepositWindow;
        attemptsRemaining = policy.MaxDepositAttempts;
        lastErrorCode = null;
        Touch(now);
    }

    public InputResult SubmitDepositAmounts(bool matches, DateTime now)
    {
        Require(stage == JourneyStage.AwaitingDepositAmounts, nameof(SubmitDepositAmounts));
        if (matches)
        {
            End(JourneyStage.Verified, now, lastErrorCode: null);
            return InputResult.Passed;
        }

        attemptsRemaining--;
        lastErrorCode = JourneyErrorCodes.WrongAmounts;
        if (attemptsRemaining > 0)
        {
            Touch(now);
            return InputResult.Rejected;
        }

        EndCycle(VerificationOutcome.Failed, now);
        return InputResult.Ended;
    }

    /// <summary>
    /// The deposits matched, but the account paid may not verify this person (it was verified for
    /// another person first): the cycle fails as if its attempts were used up.
    /// </summary>
    public void RefuseVerification(DateTime now)
    {
        Require(stage == JourneyStage.AwaitingDepositAmounts, nameof(RefuseVerification));
        EndCycle(VerificationOutcome.Failed, now);
    }

    /// <summary>An operator gives a locked journey one more verification cycle.</summary>
    public void Unlock(DateTime now)
    {
        Require(Accepts(InputKind.Unlock, now).IsAccepted, nameof(Unlock));
        cyclesRemaining = 1;
        stage = JourneyStage.Registered;
        lastErrorCode = null;
        Touch(now);
    }

    void EnterChallenge(JourneyStage next, DateTime now)
    {
        stage = next;
        deadline = null;
        attemptsRemaining = null;
        resendsRemaining = policy.MaxResends;
        challengeExpired = false;
        lastErrorCode = null;
        Touch(now);
    }

    void EndCycle(VerificationOutcome outcome, DateTime now)
    {
        cyclesRemaining--;
        lastOutcome = outcome;
        stage = cyclesRemaining > 0 ? JourneyStage.Registered : JourneyStage.Locked;
        deadline = null;
        attemptsRemaining = null;
        Touch(now);
    }

    void End(JourneyStage terminal, DateTime now, string? lastErrorCode)
    {
        stage = terminal;
        deadline = null;
        attemptsRemaining = null;
        resendsRemaining = null;
        this.lastErrorCode = lastErrorCode;
        Touch(now);
    }

    InputResult Reject(string errorCode, DateTime now)
    {
        lastErrorCode = errorCode;
        Touch(now);
        return InputResult.Rejected;
    }

    void Touch(DateTime now)
    {
        updatedAt = now;
        version++;
    }

    void Require(bool allowed, string transition)
    {
        if (!allowed)
        {
            throw new JourneyRuleException(stage, transition);
        }
    }
}
