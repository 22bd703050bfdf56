// Progressive enhancement: the printable version works without this; with it, the print
// dialog opens by itself.
window.addEventListener('load', () => window.print());
