using System.Text.Json.Serialization;

namespace Kinship.Leap.Engine;

/// <summary>One event of a LeaP run, written as one JSON line to the trace (the <c>event</c> field names its kind).</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "event")]
[JsonDerivedType(typeof(RunStartedEvent), "start")]
[JsonDerivedType(typeof(SegmentEvent), "segment")]
[JsonDerivedType(typeof(PathFinishedEvent), "finish")]
[JsonDerivedType(typeof(SummaryEvent), "summary")]
[JsonDerivedType(typeof(RoutingEvent), "routing")]
[JsonDerivedType(typeof(InjectionEvent), "injection")]
[JsonDerivedType(typeof(ForcedAnswerEvent), "forced-answer")]
[JsonDerivedType(typeof(PathTotalsEvent), "path")]
[JsonDerivedType(typeof(RunFinishedEvent), "end")]
public abstract record TraceEvent;
