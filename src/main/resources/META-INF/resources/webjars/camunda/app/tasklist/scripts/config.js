// Firebreak: the webapp's "Log out" signs out of Firebreak (static/assets/webapp-sign-out.js).
// The keyboard shortcuts are Tasklist's own defaults (this file replaces Tasklist's config.js).
export default {
  customScripts: ['../../../assets/webapp-sign-out.js'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
