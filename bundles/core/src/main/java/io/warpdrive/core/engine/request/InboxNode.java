package io.warpdrive.core.engine.request;

/** Link field for {@link CompletionInbox}: requests queue themselves without a wrapper allocation. */
class InboxNode {
    volatile InboxNode next;
}
