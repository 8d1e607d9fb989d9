namespace Kinship.Leap.Engine;

/// <summary>The result of one pure scheduling step: the new path states (edits already applied), the work to execute, and trace events.</summary>
public sealed record SchedulerStep(IReadOnlyList<PathState> Paths, IReadOnlyList<PathWork> Work, IReadOnlyList<TraceEvent> Events);
