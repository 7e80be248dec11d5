namespace ProjectSpark.Features.Signals;

/// <summary>
/// Every engagement-signal threshold, in one place (configuration section "Signals"). Defaults follow
/// docs/domain.md: chronic absence 10% of enrolled days, severe 20%; Attendance Works early-year pace of
/// 2 / 4 / 6 absences by the end of the first / second / third month of enrollment (a month = 20 enrolled
/// school days); a streak is 3+ consecutive enrolled days absent; a core course below 60% is a failure; a drop
/// of 10+ points term over term is a decline.
/// </summary>
public sealed class SignalThresholds
{
    public double ChronicAbsenceRate { get; set; } = 0.10;
    public double SevereChronicAbsenceRate { get; set; } = 0.20;
    public int SchoolDaysPerMonth { get; set; } = 20;
    public int[] EarlyPaceAbsences { get; set; } = [2, 4, 6];
    public int StreakDays { get; set; } = 3;
    public decimal CourseFailureBelow { get; set; } = 60;
    public decimal GradeDropPoints { get; set; } = 10;
    public string[] CoreCourses { get; set; } = ["ela", "english", "english language arts", "reading", "math", "mathematics", "algebra", "geometry"];
    /// <summary>Days after a flag that its two follow-ups come due.</summary>
    public int[] FollowUpDays { get; set; } = [28, 60];
}

public static class FlagTypes
{
    public const string ChronicAbsence = "chronicAbsence", SevereChronicAbsence = "severeChronicAbsence", EarlyYearPace = "earlyYearPace",
        AbsenceStreak = "absenceStreak", CourseFailure = "courseFailure", GradeDecline = "gradeDecline";

    /// <summary>How a flag reads to a person on a page.</summary>
    public static string Label(string type) => type switch
    {
        ChronicAbsence => "Chronic absence (10%+)",
        SevereChronicAbsence => "Severe chronic absence (20%+)",
        EarlyYearPace => "Early-year absence pace",
        AbsenceStreak => "Absence streak (3+ days)",
        CourseFailure => "Failing a core course",
        GradeDecline => "Grade decline (10+ points)",
        _ => type,
    };
}
