namespace Kinship.Lineage.Hub.Crawl;

/// <summary>A crawl that cannot go on: the message names the URL or file at fault and is meant for the user as is.</summary>
public sealed class CrawlException : Exception
{
    public CrawlException() { }
    public CrawlException(string message) : base(message) { }
    public CrawlException(string message, Exception inner) : base(message, inner) { }
}
