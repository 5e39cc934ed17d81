// The journey's stages, as Onboarding.Domain has them (JourneyStages).
// Generated: do not edit. Onboarding.Tests/Contract/StageListsTests fails when the domain changes;
// ONBOARDING_WRITE_GENERATED=1 ./test.sh --filter StageListsTests writes it anew.

/** Every stage, in the order a person goes through the journey. */
export const STAGES = ['awaitingPhoneCode', 'awaitingEmailConfirmation', 'awaitingProfile', 'registered', 'awaitingDepositAmounts', 'verified', 'expired', 'locked', 'cancelled'];

/** The stages in which the journey is over: nothing moves it any more. */
export const FINAL_STAGES = ['verified', 'expired', 'cancelled'];
