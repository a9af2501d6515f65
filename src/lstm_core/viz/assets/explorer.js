(function(){"use strict";
var id="__ID__";
// spec.i18n: {"zh-CN": {drawn text: its translation}}; the page's <html lang> picks one.
var CJK_FONT='"LSTM Noto Sans SC", "Noto Sans SC", sans-serif';  // book/_ext/editions.py
function table(spec){
var all=spec.i18n||{},lang=(document.documentElement.lang||"").replace("_","-").toLowerCase(),k;
for(k in all)if(k.toLowerCase()===lang)return all[k];
for(k in all)if(k.toLowerCase().split("-")[0]===lang.split("-")[0])return all[k];
return null;}
function translated(spec,t){
var tr=function(s){return typeof s==="string"&&Object.prototype.hasOwnProperty.call(t,s)?t[s]:s;};
var title=function(o){if(o&&o.title){if(typeof o.title==="string")o.title=tr(o.title);else o.title.text=tr(o.title.text);}};
var L=spec.figure.layout,k;
title(L);(L.annotations||[]).forEach(function(a){a.text=tr(a.text);});
for(k in L)if(/^[xy]axis\d*$/.test(k))title(L[k]);
spec.figure.data.forEach(function(d){d.name=tr(d.name);if(d.colorbar)title(d.colorbar);
if(typeof d.hovertemplate==="string")d.hovertemplate=d.hovertemplate.split("<br>").map(tr).join("<br>");});
spec.controls.forEach(function(c){c.label=tr(c.label);c.readouts=c.readouts.map(tr);});
L.font=L.font||{};L.font.family=(L.font.family||(L.template&&L.template.layout&&L.template.layout.font&&L.template.layout.font.family)||"sans-serif")+", "+CJK_FONT;}
function init(){
var root=document.getElementById(id);if(!root||root.dataset.ready)return;root.dataset.ready="1";
var spec=JSON.parse(document.getElementById(id+"-data").textContent);
var plot=root.querySelector(".lstm-explorer-plot");
var inputs=root.querySelectorAll("input[type=range]"),outs=root.querySelectorAll("output"),labels=root.querySelectorAll("label");
var t=table(spec);
if(t){translated(spec,t);for(var j=0;j<labels.length;j++)labels[j].innerHTML=spec.controls[j].label;}
if(typeof window.Plotly==="undefined"){
plot.textContent="This figure needs plotly.js, which this page did not load.";return;}
var base=spec.figure.data;
function update(){
var k=0,c,v;
for(c=0;c<inputs.length;c++){
var i=+inputs[c].value;k=k*spec.shape[c]+i;outs[c].textContent=spec.controls[c].readouts[i];}
var row=spec.values[k],data=plot.data.map(function(t){return Object.assign({},t);});
for(v=0;v<spec.varying.length;v++){data[spec.varying[v][0]][spec.varying[v][1]]=row[v];}
return Plotly.react(plot,data,plot.layout,spec.config);}
Plotly.newPlot(plot,base,spec.figure.layout,spec.config).then(function(){
for(var c=0;c<inputs.length;c++)inputs[c].addEventListener("input",update);update();});}
if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",init);else init();
})();
