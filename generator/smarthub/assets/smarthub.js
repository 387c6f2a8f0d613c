/* smarthub: copy buttons for messages, catalog filters, term tooltips on touch. */
